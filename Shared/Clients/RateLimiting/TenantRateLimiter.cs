using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace WhatsAppGenesys.Clients.RateLimiting;

/// <summary>
/// A fixed-window request counter per tenant (and scope) in Redis, shared by every replica (key
/// <c>ratelimit:{tenantId}:{scope}:{window}</c>). It keeps each tenant under its provider limit so we back off
/// before the provider has to tell us. When Redis is unreachable it lets requests through: the provider's own 429
/// remains the backstop, and a cache outage must not stop message delivery.
/// </summary>
public sealed class TenantRateLimiter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<TenantRateLimiter> logger)
{
    private static readonly LuaScript Increment = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @windowMs) end return n");

    /// <summary>Counts one request; returns null when allowed, else how long to wait for the next window.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string scope, string tenantId, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var windowStart = now - now % windowMs;
        var key = $"ratelimit:{tenantId}:{scope}:{windowStart / windowMs}";
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(Increment, new { key = (RedisKey)key, windowMs });
            return count <= limit ? null : TimeSpan.FromMilliseconds(windowStart + windowMs - now);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Rate limiter unavailable, letting the request through: {Reason}", ex.Message);
            return null;
        }
    }
}
