using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.RcsApi.Data;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>
/// The phone's DELIVERED and READ about a message sent through the send API move its <c>rcs_responses</c> row, so
/// <c>GET /api/v1/conv/RCS/messages/{id}/status</c> tells. A status only moves forward (a late DELIVERED after READ
/// changes nothing), a receipt of a message not sent here (an agent's, through the outbound transformer) finds no row,
/// and the update is one conditional statement, so a redelivered receipt is harmless.
/// </summary>
public sealed class RcsSendReceipts(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task RecordAsync(string tenantId, RbmWebhook webhook, CancellationToken ct)
    {
        if (webhook.Kind != RcsEventReceived.EventKind || !webhook.Event.TryGetProperty("messageId", out var idElement) ||
            idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } messageId)
        {
            return;
        }
        var eventType = webhook.Event.TryGetProperty("eventType", out var type) ? type.GetString() : null;
        string[] from = eventType switch
        {
            "DELIVERED" => [RcsMessageStatuses.Accepted],
            "READ" => [RcsMessageStatuses.Accepted, RcsMessageStatuses.Delivered],
            _ => [],
        };
        if (from.Length == 0)
        {
            return;
        }
        var to = eventType == "READ" ? RcsMessageStatuses.Read : RcsMessageStatuses.Delivered;
        var at = webhook.SendTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : clock.GetUtcNow();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RcsDbContext>();
        await db.Responses
            .Where(r => r.TenantId == tenantId && r.MessageId == messageId && from.Contains(r.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, to).SetProperty(r => r.UpdatedAt, at), ct);
    }
}
