using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.WhatsAppApi.Sending;

/// <summary>
/// Idempotency keys that Meta already accepted, and the wamid it gave, in Redis (<c>whatsapp:sent:{tenantId}:{key}</c>)
/// so every replica and a restarted process answer a repeated key with the first wamid instead of sending again.
/// Redis being down costs this protection only for sends retried during the outage; the caller's ledger remains.
/// </summary>
public sealed class SentMessageRecords(IConnectionMultiplexer redis, IOptions<Graph.WhatsAppApiOptions> options, ILogger<SentMessageRecords> logger)
{
    public static string Key(string tenantId, string idempotencyKey) => $"whatsapp:sent:{tenantId}:{idempotencyKey}";

    public async Task<WhatsAppSendResult?> FindAsync(string tenantId, string idempotencyKey)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(tenantId, idempotencyKey));
            return value.HasValue ? JsonSerializer.Deserialize<WhatsAppSendResult>((string)value!, JsonSerializerOptions.Web) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Idempotency records unavailable, sending without the check: {Reason}", ex.Message);
            return null;
        }
    }

    public async Task SaveAsync(string tenantId, string idempotencyKey, WhatsAppSendResult result)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(tenantId, idempotencyKey),
                JsonSerializer.Serialize(result, JsonSerializerOptions.Web), options.Value.IdempotencyLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not record the wamid of {Key}: {Reason}", idempotencyKey, ex.Message);
        }
    }
}
