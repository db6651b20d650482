using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace WhatsAppGenesys.Messaging.Archiving;

/// <summary>
/// Archived webhooks that storage expiry must keep: the raw webhook of every pipeline message that failed at least
/// once and has not succeeded since. A message is parked only after failing, so every parked message (dead-lettered
/// or poisoned) holds its archive until a replay succeeds. One Redis hash, field <c>{bucket}/{key}</c>, value the
/// time of the first hold in Unix milliseconds: the transformers write it only on failure, and the lifecycle job reads
/// it once per sweep.
/// </summary>
public sealed class ArchiveHolds(IConnectionMultiplexer redis, TimeProvider clock, ILogger<ArchiveHolds> logger)
{
    public const string RedisKey = "storage:archive-holds";

    public static string Field(string bucket, string key, string eventId) => $"{ObjectOf(bucket, key)}|{eventId}";

    /// <summary>How <see cref="ReadAllAsync"/> names an object.</summary>
    public static string ObjectOf(string bucket, string key) => $"{bucket}/{key}";

    /// <summary>Keeps the object from expiring. A failure to write is logged and not thrown: the message's own retry or parking must still happen.</summary>
    public async Task HoldAsync(string bucket, string key, string eventId, CancellationToken ct)
    {
        try
        {
            await redis.GetDatabase().HashSetAsync(RedisKey, Field(bucket, key, eventId), clock.GetUtcNow().ToUnixTimeMilliseconds(), When.NotExists)
                .WaitAsync(ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Cannot hold archived webhook {Bucket}/{Key} against expiry: {Reason}", bucket, key, ex.Message);
        }
    }

    /// <summary>Lets the object expire again (its message succeeded).</summary>
    public async Task ReleaseAsync(string bucket, string key, string eventId, CancellationToken ct)
    {
        try
        {
            await redis.GetDatabase().HashDeleteAsync(RedisKey, Field(bucket, key, eventId)).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Cannot release hold on {Bucket}/{Key}: {Reason}", bucket, key, ex.Message);
        }
    }

    /// <summary>Every held object as <see cref="ObjectOf"/> names it; throws when Redis cannot be read, so a sweep deletes nothing it cannot check.</summary>
    public async Task<IReadOnlySet<string>> ReadAllAsync(CancellationToken ct)
    {
        var entries = await redis.GetDatabase().HashKeysAsync(RedisKey).WaitAsync(ct);
        return entries.Select(e => e.ToString()).Select(f => f[..Math.Max(0, f.LastIndexOf('|'))]).ToHashSet(StringComparer.Ordinal);
    }
}
