using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;

namespace WhatsAppGenesys.Clients.Archiving;

/// <summary>
/// Keeps the raw body of every accepted webhook in S3 for audit and replay (a bucket per direction, key
/// <c>{tenantId}/{yyyy-MM-dd}/{timestamp}-{messageId}.json</c>). The bytes are stored exactly as received; the audit
/// metadata (stored_at, tenant_id, webhook_signature, source_ip, user_agent) travels as object metadata. Archiving
/// is best effort by design: up to 3 attempts within a 6-second budget, then the failure is logged and the webhook
/// still goes through, and while the S3 server is known to be down further attempts are skipped for a few seconds so
/// webhooks stay fast.
/// </summary>
/// <remarks>
/// The budget is shared by the attempts rather than given to each: a server that refuses the connection fails fast
/// and is tried again at once, while a busy one gets one patient attempt. A PUT given up on still costs the server
/// its work, so retrying after a short timeout only lengthens its queue; under a campaign on two cores, 2-second
/// attempts did that until whole webhooks went unarchived (docs/benchmarks.md). Six seconds keeps the answer inside
/// the 10 seconds Genesys waits for a webhook's answer.
/// </remarks>
public sealed class WebhookArchive(IMinioClient s3, TimeProvider clock, ILogger<WebhookArchive> logger)
{
    private const int Attempts = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan SkipWhileDown = TimeSpan.FromSeconds(5);
    private long _downUntil;

    public static string Key(string tenantId, DateTimeOffset receivedAt, string messageId) =>
        $"{tenantId}/{receivedAt:yyyy-MM-dd}/{receivedAt.ToUnixTimeMilliseconds()}-{SafeName(messageId)}.json";

    /// <summary>Stores the body; returns the object key, or null when it could not be archived.</summary>
    public async Task<string?> StoreAsync(string bucket, string key, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        if (clock.GetTimestamp() < Interlocked.Read(ref _downUntil))
        {
            logger.LogWarning("Webhook not archived (S3 unavailable, retrying in a few seconds): {Bucket}/{Key}", bucket, key);
            return null;
        }
        var started = clock.GetTimestamp();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var left = Budget - clock.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(left);
                using var stream = new MemoryStream(body.ToArray(), writable: false);
                await s3.PutObjectAsync(new PutObjectArgs()
                    .WithBucket(bucket)
                    .WithObject(key)
                    .WithStreamData(stream)
                    .WithObjectSize(body.Length)
                    .WithContentType("application/json")
                    .WithHeaders(metadata.ToDictionary(m => "x-amz-meta-" + m.Key, m => m.Value)), timeout.Token);
                return key;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Archiving {Bucket}/{Key} failed (attempt {Attempt}/{Attempts}): {Reason}", bucket, key, attempt, Attempts, ex.Message);
            }
        }
        Interlocked.Exchange(ref _downUntil, clock.GetTimestamp() + (long)(SkipWhileDown.TotalSeconds * clock.TimestampFrequency));
        logger.LogError("Webhook not archived within {Budget} s; continuing so the message is still queued: {Bucket}/{Key}", Budget.TotalSeconds, bucket, key);
        return null;
    }

    /// <summary>An archived body with the metadata it was stored with, or null when there is no such object.</summary>
    public async Task<ArchivedWebhook?> LoadAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            // The client reads the object's metadata before its body and returns it: no separate stat is needed,
            // which would cost two more requests (it checks the bucket first each time).
            using var buffer = new MemoryStream();
            var stat = await s3.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(key)
                .WithCallbackStream(stream => stream.CopyTo(buffer)), ct);
            var metadata = stat.MetaData.ToDictionary(
                m => m.Key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? m.Key["x-amz-meta-".Length..] : m.Key,
                m => m.Value, StringComparer.OrdinalIgnoreCase);
            return new ArchivedWebhook(buffer.ToArray(), metadata);
        }
        catch (Minio.Exceptions.ObjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The keys of one tenant's webhooks received in <paramref name="range"/>, oldest first, at most
    /// <paramref name="limit"/> (see <see cref="ArchiveRange.Page"/>). S3 lists a folder in key order, which is time
    /// order here (the milliseconds have 13 digits until the year 2286), so each day's listing stops at the range's end
    /// and the days stop once more than a page is found. <paramref name="owns"/> keeps only one receiver's keys of a shared bucket.
    /// </summary>
    public async Task<ArchiveListing> ListAsync(string bucket, string tenantId, ArchiveRange range, int limit, CancellationToken ct,
        Func<string, bool>? owns = null)
    {
        var found = new List<string>();
        foreach (var prefix in range.DayPrefixes(tenantId))
        {
            await foreach (var item in s3.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true), ct))
            {
                if (ArchiveRange.TimeOf(item.Key) is not { } time)
                {
                    continue;
                }
                if (time >= range.To.ToUnixTimeMilliseconds())
                {
                    break;
                }
                if (range.Contains(time) && (owns is null || owns(item.Key)))
                {
                    found.Add(item.Key);
                }
            }
            if (found.Count > limit)
            {
                break;
            }
        }
        return range.Page(found, limit);
    }

    // Ids come from outside (a wamid, a Genesys id): keep them to characters that cannot form a path.
    public static string SafeName(string id)
    {
        var chars = id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=').Take(200).ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "message" : safe;
    }
}

public sealed record ArchivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Metadata);
