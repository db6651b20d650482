using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.RcsApi.Data;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>
/// The phone's DELIVERED and READ about a message sent here move its <c>rcs_responses</c> row, so
/// <c>GET /api/v1/conv/RCS/messages/{id}/status</c> tells. A status only moves forward (a late DELIVERED after READ
/// changes nothing), and the update is one conditional statement, so a redelivered receipt is harmless.
/// A receipt can also come before the row: the phone may answer within milliseconds, while the send service writes
/// the row only once the provider's answer is back. Such an early receipt is kept in Redis for a while, and the send
/// service applies it right after writing the row (<see cref="ApplyEarlyAsync"/>).
/// </summary>
public sealed class RcsSendReceipts(IServiceScopeFactory scopes, IConnectionMultiplexer redis, TimeProvider clock, ILogger<RcsSendReceipts> logger)
{
    // Far longer than any send takes between the provider's answer and the row; short enough to leave no litter.
    private static readonly TimeSpan EarlyReceiptLifetime = TimeSpan.FromMinutes(10);

    private static string EarlyKey(string tenantId, string messageId) => $"rcs:{tenantId}:message:{messageId}:early-receipts";

    public async Task RecordAsync(string tenantId, RbmWebhook webhook, CancellationToken ct)
    {
        if (webhook.Kind != RcsEventReceived.EventKind || !webhook.Event.TryGetProperty("messageId", out var idElement) ||
            idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } messageId)
        {
            return;
        }
        var status = (webhook.Event.TryGetProperty("eventType", out var type) ? type.GetString() : null) switch
        {
            "DELIVERED" => RcsMessageStatuses.Delivered,
            "READ" => RcsMessageStatuses.Read,
            _ => null,
        };
        if (status is null)
        {
            return;
        }
        var at = webhook.SendTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : clock.GetUtcNow();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RcsDbContext>();
        if (await MoveAsync(db, tenantId, messageId, status, at, ct) > 0 ||
            await db.Responses.AnyAsync(r => r.TenantId == tenantId && r.MessageId == messageId, ct))
        {
            return;
        }
        // No row yet: kept first, then tried once more, so a row written in between is moved either here or by the
        // send service reading what was kept (an agent's or another system's message simply leaves the key to expire).
        var key = EarlyKey(tenantId, messageId);
        var redisDb = redis.GetDatabase();
        await redisDb.HashSetAsync(key, status, at.ToUnixTimeMilliseconds());
        await redisDb.KeyExpireAsync(key, EarlyReceiptLifetime);
        await MoveAsync(db, tenantId, messageId, status, at, ct);
    }

    /// <summary>Applies receipts that came before the message's row was written; a failure only logs (the send went out).</summary>
    public async Task ApplyEarlyAsync(RcsDbContext db, string tenantId, string messageId, CancellationToken ct)
    {
        try
        {
            var kept = await redis.GetDatabase().HashGetAllAsync(EarlyKey(tenantId, messageId));
            foreach (var status in new[] { RcsMessageStatuses.Delivered, RcsMessageStatuses.Read })
            {
                if (kept.FirstOrDefault(e => e.Name == status) is { Value.HasValue: true } entry &&
                    long.TryParse(entry.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                {
                    await MoveAsync(db, tenantId, messageId, status, DateTimeOffset.FromUnixTimeMilliseconds(ms), ct);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or DbUpdateException)
        {
            logger.LogWarning("Could not apply early receipts of RCS message {MessageId}: {Reason}", messageId, ex.Message);
        }
    }

    /// <summary>Moves the row to <paramref name="status"/> if that is forward from where it stands; returns the rows moved.</summary>
    private static Task<int> MoveAsync(RcsDbContext db, string tenantId, string messageId, string status, DateTimeOffset at, CancellationToken ct)
    {
        string[] from = status == RcsMessageStatuses.Read
            ? [RcsMessageStatuses.Accepted, RcsMessageStatuses.Delivered]
            : [RcsMessageStatuses.Accepted];
        return db.Responses
            .Where(r => r.TenantId == tenantId && r.MessageId == messageId && from.Contains(r.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, status).SetProperty(r => r.UpdatedAt, at), ct);
    }
}
