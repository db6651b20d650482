using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// A tenant's provider token shared by every replica through Redis, fetched from the provider at most once per
/// expiry no matter how many requests arrive at once:
/// <list type="number">
/// <item>inside a replica, concurrent requests for a tenant share one task;</item>
/// <item>across replicas, only the holder of <c>{key}:lock</c> (SET NX PX, released by compare-and-delete, expiring
/// by itself if the holder dies) calls the provider; the others poll Redis for the token it stores, or for the
/// failure it stores, so a whole burst gets the same answer from one exchange.</item>
/// </list>
/// </summary>
public sealed class DistributedTokenCache<TSource>(
    IConnectionMultiplexer redis,
    TSource source,
    TokenErrorLog errors,
    IOptions<TokenCacheOptions> options,
    TimeProvider time,
    ILogger<DistributedTokenCache<TSource>> logger)
    where TSource : ITokenSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    // The Redis TTL already retires tokens well before expiry; this only guards against clock skew.
    private static readonly TimeSpan MinimumValidity = TimeSpan.FromSeconds(1);

    private const string ReleaseLockScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    // Drop the cached token only if it is the one the caller saw rejected (or unconditionally without one).
    private const string InvalidateScript = """
        redis.call('DEL', KEYS[2])
        if ARGV[1] == '' then return redis.call('DEL', KEYS[1]) end
        local current = redis.call('GET', KEYS[1])
        if not current then return 0 end
        local ok, decoded = pcall(cjson.decode, current)
        if ok and decoded.accessToken ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    private readonly ConcurrentDictionary<string, Lazy<Task<AccessTokenResponse>>> _inflight = new(StringComparer.Ordinal);
    private readonly TokenCacheOptions _options = options.Value;

    public async Task<AccessTokenResponse> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var shared = _inflight.GetOrAdd(tenantId, id => new Lazy<Task<AccessTokenResponse>>(() => ResolveAsync(id)));
        return await shared.Value.WaitAsync(cancellationToken);
    }

    public async Task InvalidateAsync(string tenantId, string? rejectedToken)
    {
        var key = source.CacheKey(tenantId);
        var dropped = (long)await redis.GetDatabase().ScriptEvaluateAsync(InvalidateScript, [key, FailureKey(key)], [rejectedToken ?? ""]);
        // Every caller that saw the same token refused reports it; only the one that dropped it counts an error.
        if (dropped > 0)
        {
            errors.Record(source.Provider, tenantId, "The provider refused the tenant's access token");
        }
    }

    private async Task<AccessTokenResponse> ResolveAsync(string tenantId)
    {
        try
        {
            return await ResolveThroughRedisAsync(tenantId);
        }
        catch (RedisException ex)
        {
            // Without Redis there is no shared copy and no lock; serving tokens still beats failing every message.
            logger.LogWarning(ex, "Redis unavailable; issuing a token for tenant {TenantId} without the shared cache", tenantId);
            var issued = await source.IssueAsync(tenantId, CancellationToken.None);
            return new AccessTokenResponse(issued.AccessToken, issued.ExpiresAt);
        }
        finally
        {
            _inflight.TryRemove(tenantId, out _);
        }
    }

    private async Task<AccessTokenResponse> ResolveThroughRedisAsync(string tenantId)
    {
        var db = redis.GetDatabase();
        var key = source.CacheKey(tenantId);
        var deadline = time.GetUtcNow() + _options.WaitTimeout;
        while (true)
        {
            if (await ReadAsync(db, key) is { } cached)
            {
                return cached;
            }

            var owner = Guid.NewGuid().ToString("N");
            if (await db.StringSetAsync(LockKey(key), owner, _options.LockTimeout, When.NotExists))
            {
                try
                {
                    return await ReadAsync(db, key) ?? await IssueAndStoreAsync(db, key, tenantId);
                }
                finally
                {
                    await db.ScriptEvaluateAsync(ReleaseLockScript, [LockKey(key)], [owner]);
                }
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TokenFailureException(StatusCodes.Status503ServiceUnavailable, "Token not available",
                    $"Timed out waiting for the token of tenant '{tenantId}' to be fetched by another instance.");
            }
            await Task.Delay(_options.PollInterval, time);
        }
    }

    // One round trip for both: the token if someone stored it, else the failure if someone's exchange failed.
    private async Task<AccessTokenResponse?> ReadAsync(IDatabase db, string key)
    {
        var values = await db.StringGetAsync([key, FailureKey(key)]);
        if (!values[0].IsNullOrEmpty &&
            JsonSerializer.Deserialize<AccessTokenResponse>(values[0].ToString(), Json) is { } token &&
            token.ExpiresAt - time.GetUtcNow() > MinimumValidity)
        {
            return token;
        }
        if (!values[1].IsNullOrEmpty && JsonSerializer.Deserialize<TokenFailure>(values[1].ToString(), Json) is { } failure)
        {
            throw TokenFailureException.From(failure);
        }
        return null;
    }

    private async Task<AccessTokenResponse> IssueAndStoreAsync(IDatabase db, string key, string tenantId)
    {
        IssuedToken issued;
        try
        {
            issued = await source.IssueAsync(tenantId, CancellationToken.None);
        }
        catch (TokenFailureException failure)
        {
            errors.Record(source.Provider, tenantId, failure.Message);
            await db.StringSetAsync(FailureKey(key), JsonSerializer.Serialize(failure.ToRecord(), Json), _options.FailureTtl);
            throw;
        }
        var token = new AccessTokenResponse(issued.AccessToken, issued.ExpiresAt);
        await db.StringSetAsync(key, JsonSerializer.Serialize(token, Json), issued.CacheFor);
        return token;
    }

    private static string LockKey(string key) => TenancyKeys.TokenLock(key);

    private static string FailureKey(string key) => TenancyKeys.TokenFailure(key);
}
