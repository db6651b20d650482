using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// A tenant's idempotency key claimed in Redis (<c>rcs:idempotency:{tenant}:{key}</c> → the message id) before the
/// send, so two concurrent requests with one key send one message. A failed send gives the key back for a retry.
/// Without Redis the claim is skipped and only the <c>rcs_responses</c> lookup of earlier sends remains.
/// </summary>
public sealed class RcsIdempotency(IConnectionMultiplexer redis, IOptions<RcsApiOptions> options, ILogger<RcsIdempotency> logger)
{
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public static string Key(string tenantId, string idempotencyKey) => $"rcs:idempotency:{tenantId}:{idempotencyKey}";

    /// <summary>Null when <paramref name="messageId"/> now holds the key; otherwise the message id that holds it.</summary>
    public async Task<string?> ClaimAsync(string tenantId, string idempotencyKey, string messageId)
    {
        var key = Key(tenantId, idempotencyKey);
        try
        {
            var db = redis.GetDatabase();
            if (await db.StringSetAsync(key, messageId, options.Value.RequestRecordLifetime, When.NotExists))
            {
                return null;
            }
            return await db.StringGetAsync(key) is { IsNullOrEmpty: false } holder ? holder.ToString() : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not claim an RCS idempotency key in Redis: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>Takes the key over from a holder whose send failed.</summary>
    public async Task TakeOverAsync(string tenantId, string idempotencyKey, string messageId)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(tenantId, idempotencyKey), messageId, options.Value.RequestRecordLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not claim an RCS idempotency key in Redis: {Reason}", ex.Message);
        }
    }

    /// <summary>The send failed: a retry with the same key may send.</summary>
    public async Task ReleaseAsync(string tenantId, string idempotencyKey, string messageId)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [Key(tenantId, idempotencyKey)], [messageId]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not release an RCS idempotency key in Redis: {Reason}", ex.Message);
        }
    }
}
