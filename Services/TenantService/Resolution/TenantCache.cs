using System.Text.Json;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.TenantService.Resolution;

/// <summary>
/// The Redis side of tenant resolution: <c>tenant:{id}:config</c> (a <see cref="TenantResolution"/>) plus index keys
/// from phone number id / integration id to tenant id, all with TTL 3600 s. Redis is a cache here: when it is down,
/// reads fall through to PostgreSQL and writes are logged and skipped.
/// </summary>
public sealed class TenantCache(IConnectionMultiplexer redis, ILogger<TenantCache> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Write only if what is cached is not newer. Without this, a reader that loaded the tenant just before an update
    // committed could put the old configuration back after the update's own write, for an hour.
    private const string SetIfNotOlderScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local ok, decoded = pcall(cjson.decode, current)
          if ok and decoded.version and tonumber(decoded.version) > tonumber(ARGV[2]) then
            return 0
          end
        end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<TenantResolution?> GetAsync(string tenantId)
    {
        try
        {
            var json = await Db.StringGetAsync(TenancyKeys.Config(tenantId));
            return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<TenantResolution>(json.ToString(), Json);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Redis unavailable reading the configuration of tenant {TenantId}; using the database", tenantId);
            return null;
        }
    }

    public Task<string?> GetTenantIdByPhoneNumberIdAsync(string phoneNumberId) =>
        GetStringAsync(TenancyKeys.PhoneNumberIndex(phoneNumberId));

    public Task<string?> GetTenantIdByIntegrationIdAsync(string integrationId) =>
        GetStringAsync(TenancyKeys.IntegrationIndex(integrationId));

    /// <summary>Caches a resolution and its index keys, unless a newer version is already cached.</summary>
    public async Task StoreAsync(TenantResolution resolution)
    {
        try
        {
            await StoreCoreAsync(Db, resolution);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Redis unavailable caching tenant {TenantId}", resolution.TenantId);
        }
    }

    /// <summary>
    /// After a committed change: write the new configuration through, drop index keys the tenant no longer owns, drop
    /// cached provider tokens the change made stale, and tell every process to drop its in-memory copy now.
    /// </summary>
    public async Task TenantChangedAsync(TenantResolution after, TenantIdentifiers before, TokenImpact impact)
    {
        var afterIds = TenantIdentifiers.Of(after);
        var stale = new List<RedisKey>();
        stale.AddRange(before.PhoneNumberIds.Except(afterIds.PhoneNumberIds).Select(p => (RedisKey)TenancyKeys.PhoneNumberIndex(p)));
        stale.AddRange(before.IntegrationIds.Except(afterIds.IntegrationIds).Select(i => (RedisKey)TenancyKeys.IntegrationIndex(i)));
        // A remembered failure ("tenant deactivated", "bad credentials") is as stale as a token after the change.
        if (impact.Genesys)
        {
            stale.Add(TenancyKeys.GenesysToken(after.TenantId));
            stale.Add(TenancyKeys.TokenFailure(TenancyKeys.GenesysToken(after.TenantId)));
        }
        if (impact.WhatsApp)
        {
            stale.Add(TenancyKeys.WhatsAppToken(after.TenantId));
            stale.Add(TenancyKeys.TokenFailure(TenancyKeys.WhatsAppToken(after.TenantId)));
        }
        if (impact.Rcs)
        {
            // The refresh token belongs to the old client as much as the access token does.
            stale.Add(TenancyKeys.RcsAccessToken(after.TenantId));
            stale.Add(TenancyKeys.RcsRefreshToken(after.TenantId));
            stale.Add(TenancyKeys.TokenFailure(TenancyKeys.RcsAccessToken(after.TenantId)));
        }

        var invalidation = new TenantInvalidation(
            after.TenantId,
            [.. before.PhoneNumberIds.Union(afterIds.PhoneNumberIds)],
            [.. before.IntegrationIds.Union(afterIds.IntegrationIds)]);
        try
        {
            var db = Db;
            if (stale.Count > 0)
            {
                await db.KeyDeleteAsync([.. stale]);
            }
            await StoreCoreAsync(db, after);
            await redis.GetSubscriber().PublishAsync(
                RedisChannel.Literal(TenancyKeys.InvalidationChannel), JsonSerializer.Serialize(invalidation, Json));
        }
        catch (RedisException ex)
        {
            // The change is committed; caches catch up when their entries expire. Loud, because until then a
            // deactivated tenant may still be served from cache.
            logger.LogError(ex, "Redis unavailable: caches were not invalidated after a change to tenant {TenantId}", after.TenantId);
        }
    }

    private static async Task StoreCoreAsync(IDatabase db, TenantResolution resolution)
    {
        var ttl = (long)TenancyKeys.ConfigTtl.TotalSeconds;
        var ids = TenantIdentifiers.Of(resolution);
        var writes = new List<Task>
        {
            db.ScriptEvaluateAsync(SetIfNotOlderScript, [TenancyKeys.Config(resolution.TenantId)],
                [JsonSerializer.Serialize(resolution, Json), resolution.Version, ttl]),
        };
        writes.AddRange(ids.PhoneNumberIds.Select(p =>
            db.StringSetAsync(TenancyKeys.PhoneNumberIndex(p), resolution.TenantId, TenancyKeys.ConfigTtl)));
        writes.AddRange(ids.IntegrationIds.Select(i =>
            db.StringSetAsync(TenancyKeys.IntegrationIndex(i), resolution.TenantId, TenancyKeys.ConfigTtl)));
        await Task.WhenAll(writes);
    }

    private async Task<string?> GetStringAsync(string key)
    {
        try
        {
            var value = await Db.StringGetAsync(key);
            return value.IsNullOrEmpty ? null : value.ToString();
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Redis unavailable reading a tenant index; using the database");
            return null;
        }
    }
}

/// <summary>The routing identifiers a tenant owns at one moment.</summary>
public sealed record TenantIdentifiers(IReadOnlyList<string> PhoneNumberIds, IReadOnlyList<string> IntegrationIds)
{
    public static TenantIdentifiers None { get; } = new([], []);

    public static TenantIdentifiers Of(TenantResolution resolution) => new(
        resolution.WhatsApp?.PhoneNumberIds ?? [],
        resolution.Genesys is { } genesys ? [genesys.IntegrationId] : []);
}

/// <summary>Which cached provider tokens a change makes stale.</summary>
public readonly record struct TokenImpact(bool Genesys, bool WhatsApp, bool Rcs);
