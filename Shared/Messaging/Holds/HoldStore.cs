using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.Messaging.Holds;

/// <summary>Where hold lists survive a crash or a fail-over: one hash per partition, one field per held key.</summary>
internal interface IHoldStore
{
    /// <summary>Writes (or, for null, deletes) one key's list. Returns false when the store was unreachable.</summary>
    Task<bool> SaveAsync(string pipeline, int partition, string key, string[]? ids);

    /// <summary>Every held key of the partition, or null when the store was unreachable.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string[]>>?> LoadAsync(string pipeline, int partition);
}

internal sealed partial class RedisHoldStore(IConnectionMultiplexer redis, ILogger<RedisHoldStore> logger) : IHoldStore
{
    public async Task<bool> SaveAsync(string pipeline, int partition, string key, string[]? ids)
    {
        // Fail fast while Redis is down instead of waiting out the command timeout on every hold change; the caller
        // keeps the key dirty and writes it again once Redis is back.
        if (!redis.IsConnected)
        {
            return false;
        }
        try
        {
            var hash = PipelineNames.Holds(pipeline, partition);
            var db = redis.GetDatabase();
            if (ids is null)
            {
                await db.HashDeleteAsync(hash, key);
            }
            else
            {
                await db.HashSetAsync(hash, key, JsonSerializer.Serialize(ids));
            }
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnavailable(logger, pipeline, partition, ex.GetType().Name);
            return false;
        }
    }

    public async Task<IReadOnlyList<KeyValuePair<string, string[]>>?> LoadAsync(string pipeline, int partition)
    {
        try
        {
            var entries = await redis.GetDatabase().HashGetAllAsync(PipelineNames.Holds(pipeline, partition));
            var holds = new List<KeyValuePair<string, string[]>>(entries.Length);
            foreach (var entry in entries)
            {
                if (JsonSerializer.Deserialize<string[]>(entry.Value.ToString()) is { Length: > 0 } ids)
                {
                    holds.Add(new(entry.Name.ToString(), ids));
                }
            }
            return holds;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            LogUnavailable(logger, pipeline, partition, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold state of {Pipeline} partition {Partition} could not be read or written in Redis ({Error}); continuing from memory")]
    private static partial void LogUnavailable(ILogger logger, string pipeline, int partition, string error);
}

/// <summary>For a service without Redis: holds live in memory only (order under retries survives everything but a crash).</summary>
internal sealed class InMemoryHoldStore : IHoldStore
{
    public Task<bool> SaveAsync(string pipeline, int partition, string key, string[]? ids) => Task.FromResult(true);

    public Task<IReadOnlyList<KeyValuePair<string, string[]>>?> LoadAsync(string pipeline, int partition) =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, string[]>>?>(null);
}
