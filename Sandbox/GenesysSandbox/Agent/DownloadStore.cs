using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

public sealed record Download(string Id, byte[] Bytes, string Mime, string? Filename, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>
/// Bytes of agent attachments, served at /api/v2/downloads/{id} like Genesys's api-downloads host (ids shaped like
/// the real "pce…" ones).
/// </summary>
public sealed class DownloadStore(TimeProvider time, IOptions<GenesysSandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, Download> _downloads = new(StringComparer.Ordinal);

    public Download Add(byte[] bytes, string mime, string? filename)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.DownloadUrlLifetimeSeconds;
        var download = new Download("pce" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), bytes, mime, filename, now,
            lifetime > 0 ? now.AddSeconds(lifetime) : null);
        _downloads[download.Id] = download;
        return download;
    }

    public Download? Find(string id) => _downloads.GetValueOrDefault(id);

    public bool IsExpired(Download download) => download.ExpiresAt is { } expiresAt && time.GetUtcNow() >= expiresAt;

    public void Clear() => _downloads.Clear();
}
