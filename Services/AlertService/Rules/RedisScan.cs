using StackExchange.Redis;

namespace WhatsAppGenesys.AlertService.Rules;

internal static class RedisScan
{
    /// <summary>Keys matching <paramref name="pattern"/> on the primary (SCAN, never KEYS: it does not block Redis).</summary>
    public static async Task<List<RedisKey>> KeysAsync(IConnectionMultiplexer redis, string pattern)
    {
        var server = redis.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica)
            ?? throw new InvalidOperationException("No connected Redis primary to scan.");
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 500))
        {
            keys.Add(key);
        }
        return keys;
    }

    /// <summary>The fields of several hashes summed, one round trip per hash, pipelined.</summary>
    public static async Task<Dictionary<string, long>> SumHashesAsync(IDatabase db, IEnumerable<string> keys)
    {
        var reads = keys.Select(k => db.HashGetAllAsync(k)).ToList();
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entries in await Task.WhenAll(reads))
        {
            foreach (var entry in entries)
            {
                if (entry.Value.TryParse(out long n))
                {
                    sums[entry.Name.ToString()] = sums.GetValueOrDefault(entry.Name.ToString()) + n;
                }
            }
        }
        return sums;
    }
}
