using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// Counts each tenant's token errors for operators, in Redis: an hourly counter
/// <c>token:errors:{provider}:{tenantId}:{yyyyMMddHH}</c> (kept 25 hours, so the last 24 can be summed) and the last
/// error <c>token:errors:last:{provider}:{tenantId}</c> (its time and reason, 30 days). Written without waiting, and
/// never failing the token request it describes: it is a signal for people, not part of the message path.
/// </summary>
public sealed class TokenErrorLog(IConnectionMultiplexer redis, TimeProvider clock, ILogger<TokenErrorLog> logger)
{
    private static readonly TimeSpan HourlyRetention = TimeSpan.FromHours(25);
    private static readonly TimeSpan LastRetention = TimeSpan.FromDays(30);

    public void Record(string provider, string tenantId, string reason)
    {
        var now = clock.GetUtcNow();
        try
        {
            var db = redis.GetDatabase();
            var hour = HourKey(provider, tenantId, now);
            db.StringIncrement(hour, flags: CommandFlags.FireAndForget);
            db.KeyExpire(hour, HourlyRetention, flags: CommandFlags.FireAndForget);
            db.HashSet(LastKey(provider, tenantId), [new("at", now.ToUnixTimeMilliseconds()), new("reason", reason)], CommandFlags.FireAndForget);
            db.KeyExpire(LastKey(provider, tenantId), LastRetention, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogDebug("Token error of tenant {TenantId} not counted (Redis unavailable): {Reason}", tenantId, ex.Message);
        }
    }

    public async Task<TokenErrorsResponse> ReadAsync(string tenantId)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        // Every token provider side by side: each is one MGET of its 24 hourly counters and one read of its last error.
        var providers = await Task.WhenAll(ProviderKeys.TokenProviders.Select(async provider =>
        {
            RedisKey[] hours = [.. Enumerable.Range(0, 24).Select(h => (RedisKey)HourKey(provider, tenantId, now.AddHours(-h)))];
            var counts = db.StringGetAsync(hours);
            var last = await db.HashGetAsync(LastKey(provider, tenantId), ["at", "reason"]);
            DateTimeOffset? lastAt = !last[0].IsNull && last[0].TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            return new ProviderTokenErrors(
                provider,
                (await counts).Sum(c => !c.IsNull && c.TryParse(out long n) ? n : 0),
                lastAt,
                lastAt is null ? null : last[1].ToString());
        }));
        return new TokenErrorsResponse(tenantId, providers);
    }

    private static string HourKey(string provider, string tenantId, DateTimeOffset at) =>
        $"token:errors:{provider}:{tenantId}:{at.UtcDateTime:yyyyMMddHH}";

    private static string LastKey(string provider, string tenantId) => $"token:errors:last:{provider}:{tenantId}";
}
