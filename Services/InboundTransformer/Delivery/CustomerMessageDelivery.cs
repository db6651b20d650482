using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// One customer message, of any channel, from the queue to the Genesys agent: conversation, idempotency check in the
/// ledger, file copy, mapping, delivery through the Genesys API service, ledger update. The pipeline runs one
/// customer's messages one after another, so order holds; a failure here is retried in order or parked. Each
/// delivered message also goes to the conversation history pipeline, published before the ledger says "done", so a
/// crash in between republishes (the history consumer is idempotent) and never loses it.
/// </summary>
public sealed class CustomerMessageDelivery(
    StateManagerClient state,
    GenesysApiClient genesys,
    InboundMetrics metrics,
    IConversationHistoryPublisher history,
    TimeProvider clock)
{
    public async Task<MessageOutcome> DeliverAsync(InboundDelivery message, CancellationToken ct)
    {
        // The conversation and the idempotency check in one round trip to the state manager.
        var ledger = await state.RecordInConversationAsync(message.TenantId, new RecordInConversationRequest(
            message.Mapping, MessageDirection.Inbound, message.MessageId, message.OccurredAt,
            WhatsAppMessageId: message.MessageId, Channel: message.Channel), ct);
        var conversation = ledger.Conversation;
        if (ledger.Message.Status == MessageStatus.Delivered)
        {
            // The provider's redelivery or our own retry after a crash: the agent already has it.
            metrics.Duplicate(message.TenantId);
            return MessageOutcome.Success;
        }

        MediaReference? stored = null;
        if (message.StoreMedia is { } storeMedia)
        {
            var outcome = await storeMedia(ct);
            if (outcome.Media is null && !outcome.IsPermanent)
            {
                return MessageOutcome.Retry($"Media not stored yet: {outcome.Failure}");
            }
            // A file the provider no longer has still reaches the agent, as a readable note (the mappers' "media unavailable").
            stored = outcome.Media;
        }

        var body = await message.Map(stored, ct);
        var call = await genesys.SendInboundMessageAsync(message.TenantId, message.MessageId,
            JsonSerializer.SerializeToElement(body, GenesysJson.Options), ct);
        if (call.Error is { } error)
        {
            return error.Retryable
                ? MessageOutcome.Retry($"Genesys {error.HttpStatus} {error.Code}: {error.Message}",
                    error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
                : MessageOutcome.Poison($"Genesys refused the message ({error.HttpStatus} {error.Code}): {error.Message}");
        }

        await history.PublishAsync(message.History(conversation, stored), ct);
        await state.UpdateStatusAsync(message.TenantId, MessageDirection.Inbound, message.MessageId,
            new UpdateMessageStatusRequest(MessageStatus.Delivered, GenesysMessageId: call.Result!.MessageId), ct);
        if (call.Result.ConversationId is { } genesysConversation && genesysConversation != conversation.GenesysConversationId)
        {
            await state.LinkGenesysConversationAsync(message.TenantId, message.CustomerId, genesysConversation, ct);
        }
        metrics.Delivered(message.TenantId, clock.GetUtcNow() - message.OccurredAt);
        return MessageOutcome.Success;
    }
}
