using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.InboundTransformer.History;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.InboundTransformer.Media;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// One customer message from the queue to the Genesys agent: conversation, idempotency
/// check in the ledger, media copy, mapping, delivery through the Genesys API service, ledger update. The pipeline
/// runs one customer's messages one after another, so order holds; a failure here is retried in order or parked.
/// Each delivered message and each recorded status also goes to the conversation history pipeline, published before
/// the ledger says "done", so a crash in between republishes (the history consumer is idempotent) and never loses it.
/// </summary>
public sealed class InboundEventHandler(
    ITenantDirectory tenants,
    StateManagerClient state,
    GenesysApiClient genesys,
    InboundMediaStore media,
    InboundMetrics metrics,
    StatusReceipts receipts,
    IConversationHistoryPublisher history,
    CampaignReplyTags campaignTags,
    IOptions<ReceiptOptions> receiptOptions,
    TimeProvider clock,
    ILogger<InboundEventHandler> logger) : IMessageHandler<WhatsAppEventReceived>
{
    public async ValueTask<MessageOutcome> HandleAsync(WhatsAppEventReceived received, MessageContext context, CancellationToken ct)
    {
        context.TenantId = received.TenantId;
        using var scope = logger.BeginTenantScope(received.TenantId);
        var tenant = await tenants.FindByIdAsync(received.TenantId, ct);
        if (tenant is not { IsActive: true, WhatsApp: { } whatsApp })
        {
            // Queued while the tenant was active; parked (not dropped) so an operator can replay it after reactivation.
            return MessageOutcome.Poison($"Tenant {received.TenantId} is unknown, inactive or has no WhatsApp configuration");
        }

        return received.Kind switch
        {
            WhatsAppEventReceived.MessageKind => await DeliverMessageAsync(received, whatsApp, ct),
            WhatsAppEventReceived.StatusKind => await RecordStatusAsync(received, context, ct),
            _ => MessageOutcome.Poison($"Unknown event kind '{received.Kind}'"),
        };
    }

    private async Task<MessageOutcome> DeliverMessageAsync(WhatsAppEventReceived received, WhatsAppSettings whatsApp, CancellationToken ct)
    {
        var message = received.Payload.Deserialize<MetaMessage>(MetaJson.Options) ?? throw new JsonException("Empty message payload");
        var contact = received.Contact?.Deserialize<MetaContact>(MetaJson.Options);
        var occurredAt = message.Timestamp > 0 ? DateTimeOffset.FromUnixTimeSeconds(message.Timestamp) : received.ReceivedAt;

        var conversation = await state.EnsureMappingAsync(received.TenantId, new EnsureMappingRequest(
            received.CustomerId, message.From ?? contact?.WaId, message.FromUserId ?? contact?.UserId,
            received.ContactName, received.PhoneNumberId, received.DisplayPhoneNumber), ct);

        var ledger = await state.RecordMessageAsync(received.TenantId, new RecordMessageRequest(
            MessageDirection.Inbound, message.Id, received.CustomerId, conversation.ConversationId, occurredAt, WhatsAppMessageId: message.Id), ct);
        if (ledger.Message.Status == MessageStatus.Delivered)
        {
            // Meta's redelivery or our own retry after a crash: the agent already has it.
            metrics.Duplicate(received.TenantId);
            return MessageOutcome.Success;
        }

        MediaReference? stored = null;
        if (InboundMedia.Describe(message) is { } download)
        {
            var outcome = await media.StoreAsync(received.TenantId, whatsApp.GraphApiVersion, download, message.Id, occurredAt, ct);
            if (outcome.Media is null && !outcome.IsPermanent)
            {
                return MessageOutcome.Retry($"Media not stored yet: {outcome.Failure}");
            }
            // A file Meta no longer has still reaches the agent, as a readable note (the mapper's "media unavailable").
            stored = outcome.Media;
        }

        var body = InboundMessageMapper.Map(message, new InboundMappingContext
        {
            TenantId = received.TenantId,
            PhoneNumberId = received.PhoneNumberId,
            Contact = contact,
            Media = stored,
            CampaignId = await campaignTags.FindAsync(received.TenantId, received.CustomerId),
        });
        var call = await genesys.SendInboundMessageAsync(received.TenantId, message.Id,
            JsonSerializer.SerializeToElement(body, GenesysJson.Options), ct);
        if (call.Error is { } error)
        {
            return error.Retryable
                ? MessageOutcome.Retry($"Genesys {error.HttpStatus} {error.Code}: {error.Message}",
                    error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
                : MessageOutcome.Poison($"Genesys refused the message ({error.HttpStatus} {error.Code}): {error.Message}");
        }

        await history.PublishAsync(CustomerMessageHistory.Describe(received, message, contact, conversation, stored, occurredAt), ct);
        await state.UpdateStatusAsync(received.TenantId, MessageDirection.Inbound, message.Id,
            new UpdateMessageStatusRequest(MessageStatus.Delivered, GenesysMessageId: call.Result!.MessageId), ct);
        if (call.Result.ConversationId is { } genesysConversation && genesysConversation != conversation.GenesysConversationId)
        {
            await state.LinkGenesysConversationAsync(received.TenantId, received.CustomerId, genesysConversation, ct);
        }
        metrics.Delivered(received.TenantId, clock.GetUtcNow() - occurredAt);
        return MessageOutcome.Success;
    }

    /// <summary>
    /// A Meta status (sent/delivered/read/failed) of one of our outbound messages moves its ledger row forward and,
    /// for an agent's message, becomes a Genesys receipt. A status can overtake the send it is about (Meta answered,
    /// but the wamid is not recorded yet), so an unknown wamid is tried again a few times before it is dropped.
    /// </summary>
    private async Task<MessageOutcome> RecordStatusAsync(WhatsAppEventReceived received, MessageContext context, CancellationToken ct)
    {
        var status = received.Payload.Deserialize<MetaStatus>(MetaJson.Options) ?? throw new JsonException("Empty status payload");
        var tracked = await state.FindByWhatsAppIdAsync(received.TenantId, status.Id, ct);
        if (tracked is null)
        {
            if (context.Attempt < receiptOptions.Value.UnknownStatusAttempts)
            {
                return MessageOutcome.Retry($"Status {status.Status} for {status.Id}, which is not in the ledger (yet)", receiptOptions.Value.UnknownStatusDelay);
            }
            logger.LogInformation("Status {Status} for unknown message {Wamid} dropped", status.Status, status.Id);
            return MessageOutcome.Success;
        }
        var reason = status.Errors is { Count: > 0 } errors ? $"{errors[0].Code}: {errors[0].Title}" : null;
        await state.UpdateStatusAsync(received.TenantId, tracked.Direction, tracked.MessageId,
            new UpdateMessageStatusRequest(status.Status, reason, WhatsAppMessageId: status.Id), ct);
        if (HistoryStatuses.IsRecorded(status.Status))
        {
            await history.PublishAsync(StatusHistory.Describe(received, status, tracked), ct);
        }

        if (await receipts.ForwardAsync(received.TenantId, status, tracked, ct) is { } error)
        {
            if (error.Retryable)
            {
                return MessageOutcome.Retry($"Genesys {error.HttpStatus} {error.Code} for the receipt: {error.Message}",
                    error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            }
            logger.LogWarning("Genesys refused the receipt for {Wamid} ({Status} {Code}): {Message}", status.Id, error.HttpStatus, error.Code, error.Message);
        }
        return MessageOutcome.Success;
    }
}
