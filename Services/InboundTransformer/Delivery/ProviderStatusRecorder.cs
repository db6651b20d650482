using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// A provider's status of one of our outbound messages (any channel) moves its ledger row forward, goes to the
/// conversation history and, for an agent's message, becomes a Genesys receipt. A status can overtake the send it is
/// about (the provider answered, but its message id is not recorded yet), so an unknown id is tried again a few times
/// before it is dropped.
/// </summary>
public sealed class ProviderStatusRecorder(
    StateManagerClient state,
    StatusReceipts receipts,
    IConversationHistoryPublisher history,
    IOptions<ReceiptOptions> receiptOptions,
    TimeProvider clock,
    ILogger<ProviderStatusRecorder> logger)
{
    public async Task<MessageOutcome> RecordAsync(string tenantId, ProviderStatus status, MessageContext context, CancellationToken ct)
    {
        var moved = await MoveAsync(tenantId, status, ct);
        if (moved is null && context.Attempt == 1 && receiptOptions.Value.UnknownStatusFirstWait > TimeSpan.Zero)
        {
            // Most often the send's own answer is a moment from the ledger (ReceiptOptions.UnknownStatusFirstWait).
            await Task.Delay(receiptOptions.Value.UnknownStatusFirstWait, clock, ct);
            moved = await MoveAsync(tenantId, status, ct);
        }
        if (moved is null)
        {
            if (context.Attempt < receiptOptions.Value.UnknownStatusAttempts)
            {
                return MessageOutcome.Retry($"Status {status.Status} for {status.ProviderMessageId}, which is not in the ledger (yet)",
                    receiptOptions.Value.UnknownStatusDelay);
            }
            logger.LogInformation("Status {Status} for unknown message {ProviderMessageId} dropped", status.Status, status.ProviderMessageId);
            return MessageOutcome.Success;
        }
        var tracked = moved.Before;
        if (HistoryStatuses.IsRecorded(status.Status))
        {
            await history.PublishAsync(status.History(tracked), ct);
        }

        if (await receipts.ForwardAsync(tenantId, status, tracked, ct) is { } error)
        {
            if (error.Retryable)
            {
                return MessageOutcome.Retry($"Genesys {error.HttpStatus} {error.Code} for the receipt: {error.Message}",
                    error.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            }
            logger.LogWarning("Genesys refused the receipt for {ProviderMessageId} ({Status} {Code}): {Message}",
                status.ProviderMessageId, error.HttpStatus, error.Code, error.Message);
        }
        return MessageOutcome.Success;
    }

    // The ledger lookup and the update in one round trip; the row comes back as it was before, for the receipt.
    private Task<ProviderStatusResult?> MoveAsync(string tenantId, ProviderStatus status, CancellationToken ct) =>
        state.UpdateStatusByWhatsAppIdAsync(tenantId, status.ProviderMessageId, new UpdateMessageStatusRequest(status.Status, status.Reason), ct);
}
