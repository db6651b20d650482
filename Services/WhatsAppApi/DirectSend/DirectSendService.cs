using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.WhatsAppApi.Data;
using WhatsAppGenesys.WhatsAppApi.Graph;
using WhatsAppGenesys.WhatsAppApi.Sending;

namespace WhatsAppGenesys.WhatsAppApi.DirectSend;

/// <summary>
/// The public send API: sends through the same path as the transformers (<see cref="MessageSender"/>: token,
/// throughput, idempotency), then keeps the request in Redis under its wamid for tracing and Meta's answer in
/// <c>whatsapp_responses</c>, and opens a ledger row at the state manager so Meta's statuses have somewhere to land.
/// </summary>
public sealed class DirectSendService(
    MessageSender sender,
    WhatsAppDbContext db,
    IConnectionMultiplexer redis,
    StateManagerClient state,
    IOptions<WhatsAppApiOptions> options,
    TimeProvider clock,
    ILogger<DirectSendService> logger)
{
    public static string RequestKey(string wamid) => $"message:{wamid}:request";

    public async Task<(SendMessageResponse? Response, ProviderError? Error)> SendAsync(
        string tenantId, SendMessageRequest request, MetaSendMessageRequest body, CancellationToken ct)
    {
        var idempotencyKey = "api:" + (request.IdempotencyKey ?? Guid.CreateVersion7().ToString("N"));
        var json = JsonSerializer.SerializeToElement(body, MetaJson.Options);
        var outcome = await sender.SendAsync(tenantId, new WhatsAppSendRequest(idempotencyKey, json, request.PhoneNumberId), ct);
        if (outcome.Replayed && outcome.Result is { } replayed)
        {
            // The first call recorded everything already.
            return (new SendMessageResponse(replayed.Wamid, "accepted", replayed.MessageStatus), null);
        }

        var recipient = body.To ?? body.Recipient ?? "";
        await PersistAsync(tenantId, idempotencyKey, recipient, body.Type, outcome, ct);
        if (outcome.Result is not { } result)
        {
            return (null, outcome.Error);
        }
        await KeepRequestAsync(result.Wamid, json);
        await OpenLedgerRowAsync(tenantId, result.Wamid, body, outcome.PhoneNumberId, ct);
        return (new SendMessageResponse(result.Wamid, "accepted", result.MessageStatus), null);
    }

    /// <summary>The message's status: the ledger's (moved forward by Meta's statuses), else what Meta answered the send.</summary>
    public async Task<MessageStatusResponse?> FindStatusAsync(string tenantId, string messageId, CancellationToken ct)
    {
        if (await state.FindByWhatsAppIdAsync(tenantId, messageId, ct) is { } tracked)
        {
            // "received" is the ledger's first state: for a message we sent, that means Meta accepted it.
            var status = tracked.Direction == MessageDirection.Outbound && tracked.Status == MessageStatus.Received ? "accepted" : tracked.Status;
            return new MessageStatusResponse(messageId, status, tracked.StatusReason, tracked.Direction, tracked.UpdatedAt);
        }
        var row = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Wamid == messageId, ct);
        return row is null ? null : new MessageStatusResponse(messageId, row.Status, row.ErrorMessage, MessageDirection.Outbound, row.CreatedAt);
    }

    private async Task PersistAsync(string tenantId, string idempotencyKey, string recipient, string type, SendOutcome outcome, CancellationToken ct)
    {
        db.Responses.Add(new WhatsAppResponseRow
        {
            TenantId = tenantId,
            Wamid = outcome.Result?.Wamid,
            IdempotencyKey = idempotencyKey,
            PhoneNumberId = outcome.PhoneNumberId ?? "",
            Recipient = recipient,
            MessageType = type,
            Status = outcome.Result is null ? "failed" : "accepted",
            MessageStatus = outcome.Result?.MessageStatus,
            ErrorCode = outcome.Error?.Code,
            ErrorMessage = outcome.Error?.Message is { Length: > 1024 } text ? text[..1024] : outcome.Error?.Message,
            Response = outcome.Payload,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // The message went out (or was refused) either way; losing its record must not turn into an error for the caller.
            logger.LogError("Could not persist the response for {Key}: {Reason}", idempotencyKey, ex.InnerException?.Message ?? ex.Message);
        }
    }

    private async Task KeepRequestAsync(string wamid, JsonElement body)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(RequestKey(wamid), body.GetRawText(), options.Value.RequestRecordLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not keep the request of {Wamid} in Redis: {Reason}", wamid, ex.Message);
        }
    }

    private async Task OpenLedgerRowAsync(string tenantId, string wamid, MetaSendMessageRequest body, string? phoneNumberId, CancellationToken ct)
    {
        var customerId = body.To ?? body.Recipient!;
        try
        {
            await state.RecordInConversationAsync(tenantId, new RecordInConversationRequest(
                new EnsureMappingRequest(customerId, body.To, body.Recipient, null, phoneNumberId, null),
                MessageDirection.Outbound, wamid, clock.GetUtcNow(), WhatsAppMessageId: wamid), ct);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Sent {Wamid} but could not open its ledger row; its statuses will not be tracked: {Reason}", wamid, ex.Message);
        }
    }
}
