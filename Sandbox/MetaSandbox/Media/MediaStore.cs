using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Media;

public sealed record StoredMedia(
    string Id, string OwnerPhoneNumberId, string MimeType, byte[] Content, string Sha256, string? Filename,
    DateTimeOffset ExpiresAt);

public enum DownloadCheck
{
    Valid,
    NotFound,
    Expired,
    BadSignature,
}

// Media in memory: what customers send (ids in webhooks, kept 7 days like Meta) and what businesses upload (30 days).
// Download URLs are signed with a per-process key and carry their expiry, like Meta's lookaside URLs.
public sealed class MediaStore(TimeProvider time, IOptions<MetaSandboxOptions> options)
{
    public static readonly TimeSpan InboundLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(30);
    public const string DownloadPath = "/whatsapp_business/attachments/";

    private readonly ConcurrentDictionary<string, StoredMedia> _media = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();
    private readonly byte[] _urlKey = RandomNumberGenerator.GetBytes(32);
    private readonly MediaOptions _options = options.Value.Media;
    private long _storedBytes;

    public StoredMedia Add(string ownerPhoneNumberId, string mimeType, byte[] content, string? filename, TimeSpan lifetime)
    {
        var media = new StoredMedia(Ids.NewMediaId(), ownerPhoneNumberId, mimeType, content,
            Convert.ToBase64String(SHA256.HashData(content)), filename, time.GetUtcNow() + lifetime);
        _media[media.Id] = media;
        _insertionOrder.Enqueue(media.Id);
        Interlocked.Add(ref _storedBytes, content.LongLength);
        EvictOverCapacity();
        return media;
    }

    public StoredMedia? Find(string id) =>
        _media.TryGetValue(id, out var media) && media.ExpiresAt > time.GetUtcNow() ? media : null;

    public bool Remove(string id)
    {
        if (!_media.TryRemove(id, out var media))
        {
            return false;
        }
        Interlocked.Add(ref _storedBytes, -media.Content.LongLength);
        return true;
    }

    public string DownloadUrl(string baseUrl, StoredMedia media)
    {
        var expires = (time.GetUtcNow() + TimeSpan.FromSeconds(_options.DownloadUrlLifetimeSeconds)).ToUnixTimeSeconds()
            .ToString(CultureInfo.InvariantCulture);
        return $"{baseUrl.TrimEnd('/')}{DownloadPath}?mid={media.Id}&ext={expires}&hash={Sign(media.Id, expires)}";
    }

    public DownloadCheck CheckDownload(string? mediaId, string? expires, string? hash, out StoredMedia? media)
    {
        media = null;
        if (mediaId is null || expires is null || hash is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(mediaId, expires)), Encoding.ASCII.GetBytes(hash)))
        {
            return DownloadCheck.BadSignature;
        }
        if (!long.TryParse(expires, CultureInfo.InvariantCulture, out var expiresUnix) ||
            time.GetUtcNow().ToUnixTimeSeconds() >= expiresUnix)
        {
            return DownloadCheck.Expired;
        }
        media = Find(mediaId);
        return media is null ? DownloadCheck.NotFound : DownloadCheck.Valid;
    }

    private string Sign(string mediaId, string expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(_urlKey, Encoding.ASCII.GetBytes($"{mediaId}|{expires}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Oldest media goes first once the configured memory budget is exceeded (benchmarks with media).
    private void EvictOverCapacity()
    {
        while (Interlocked.Read(ref _storedBytes) > _options.MaxStoredBytes && _insertionOrder.TryDequeue(out var oldest))
        {
            Remove(oldest);
        }
    }
}
