using System.Globalization;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.PortalService.Storage;

public enum ExpiryAction
{
    /// <summary>Not old enough for anything, or held, or of an unknown shape.</summary>
    Keep,

    /// <summary>Old enough for cold storage (raw webhooks only).</summary>
    Cold,

    /// <summary>Old enough to delete.</summary>
    Delete,
}

/// <summary>Which of our buckets hold raw webhooks and which media, and what the key's date segment is.</summary>
public enum BucketKind
{
    RawWebhooks,
    Media,
}

/// <summary>
/// When an object expires, from its bucket and key alone. Every key of ours starts with the tenant and carries the day
/// it was written (<c>{tenantId}/{yyyy-MM-dd}/…</c> for raw webhooks, <c>{tenantId}/{mediaType}/{yyyy-MM-dd}/…</c> for
/// media), so no object needs to be read. An object is "older than N days" once more than N whole days have passed
/// since its day: written on 1 March with N = 30, it goes on 1 April. That is the day an S3 lifecycle rule of N days
/// removes it too (S3 counts from the upload and rounds up to the next midnight UTC), so both paths agree.
/// </summary>
public static class ObjectExpiry
{
    /// <summary>The buckets the lifecycle covers.</summary>
    public static IReadOnlyDictionary<string, BucketKind> Kinds { get; } = new Dictionary<string, BucketKind>
    {
        [Buckets.WebhooksInbound] = BucketKind.RawWebhooks,
        [Buckets.WebhooksGenesys] = BucketKind.RawWebhooks,
        [Buckets.MediaInbound] = BucketKind.Media,
        [Buckets.MediaOutbound] = BucketKind.Media,
    };

    /// <summary>The media folders the transformers write under a tenant (inbound by Meta's type, outbound by the send type).</summary>
    public static IReadOnlyList<string> MediaFolders { get; } = ["images", "videos", "audio", "stickers", "documents"];

    /// <summary>Where the day is in a key of this kind of bucket (0 is the tenant).</summary>
    public static int DateSegment(BucketKind kind) => kind == BucketKind.RawWebhooks ? 1 : 2;

    /// <summary>
    /// Days after which media is deleted: the tenant's media retention, or its history retention when that is longer,
    /// because the history shows the media of every message it still keeps.
    /// </summary>
    public static int MediaDeleteAfterDays(StorageRetention retention, int historyRetentionDays) =>
        Math.Max(retention.MediaDeleteAfterDays, historyRetentionDays);

    /// <summary>What is due for an object written on <paramref name="written"/>.</summary>
    public static ExpiryAction Decide(BucketKind kind, DateOnly written, DateOnly today, StorageRetention retention, int historyRetentionDays, bool held)
    {
        var age = today.DayNumber - written.DayNumber;
        if (kind == BucketKind.Media)
        {
            return age > MediaDeleteAfterDays(retention, historyRetentionDays) ? ExpiryAction.Delete : ExpiryAction.Keep;
        }
        if (age > retention.RawDeleteAfterDays && !held)
        {
            return ExpiryAction.Delete;
        }
        return age > retention.RawColdAfterDays ? ExpiryAction.Cold : ExpiryAction.Keep;
    }

    /// <summary>The tenant and day of a key of this kind of bucket, or null when the key is not of our shape.</summary>
    public static (string TenantId, DateOnly Written)? Parse(BucketKind kind, string key)
    {
        var segments = key.Split('/');
        var dateAt = DateSegment(kind);
        if (segments.Length <= dateAt + 1 || segments[0].Length == 0 || !TryParseDay(segments[dateAt], out var day))
        {
            return null;
        }
        return (segments[0], day);
    }

    public static bool TryParseDay(string segment, out DateOnly day) =>
        DateOnly.TryParseExact(segment, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
