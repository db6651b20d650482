using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Files;

public sealed record StoredFile(string Id, string MimeType, string? FileName, byte[] Content);

/// <summary>
/// Files simulated users sent, in memory, served at <c>GET /files/{id}</c> like RBM's storage URLs in userFile
/// events (unauthenticated, as those are). The oldest go first once the configured budget is exceeded.
/// </summary>
public sealed class FileStore(IOptions<RcsSandboxOptions> options)
{
    public const string PathPrefix = "/files/";

    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();
    private readonly long _maxBytes = options.Value.Files.MaxStoredBytes;
    private long _storedBytes;

    public StoredFile Add(string mimeType, string? fileName, byte[] content)
    {
        var file = new StoredFile(Ids.NewFileId(), mimeType, fileName, content);
        _files[file.Id] = file;
        _insertionOrder.Enqueue(file.Id);
        Interlocked.Add(ref _storedBytes, content.LongLength);
        while (Interlocked.Read(ref _storedBytes) > _maxBytes && _insertionOrder.TryDequeue(out var oldest))
        {
            if (_files.TryRemove(oldest, out var evicted))
            {
                Interlocked.Add(ref _storedBytes, -evicted.Content.LongLength);
            }
        }
        return file;
    }

    public StoredFile? Find(string id) => _files.GetValueOrDefault(id);

    public string Url(string baseUrl, StoredFile file) => $"{baseUrl.TrimEnd('/')}{PathPrefix}{file.Id}";

    public void Clear()
    {
        _files.Clear();
        _insertionOrder.Clear();
        Interlocked.Exchange(ref _storedBytes, 0);
    }
}
