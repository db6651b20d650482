using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// Tells the agent that a message did not go out: a Failed receipt on Genesys's <c>/inbound/open/receipt</c> (the
/// forum's advice: always 2xx the webhook, then report the failure this way), the ledger row marked failed with the
/// reason, and the failure counted by reason.
/// </summary>
public sealed class FailureReceipts(
    GenesysApiClient genesys,
    StateManagerClient state,
    OutboundMetrics metrics,
    TimeProvider clock,
    ILogger<FailureReceipts> logger)
{
    private const int ReasonLimit = 1024;

    /// <summary>Reports a final failure. Null when done; a retryable error when Genesys could not take the receipt now.</summary>
    public async Task<ProviderError?> ReportAsync(string tenantId, string genesysMessageId, GenesysRecipient customer,
        GenesysReasonCode reason, string message, CancellationToken ct, bool markLedgerFailed = true)
    {
        var receipt = StatusReceiptMapper.Failed(genesysMessageId, customer, clock.GetUtcNow(), reason, message);
        var call = await genesys.SendReceiptAsync(tenantId, $"{genesysMessageId}:receipt:{GenesysReceiptStatus.Failed}",
            JsonSerializer.SerializeToElement(receipt, GenesysJson.Options), ct);
        if (call.Error is { Retryable: true } retryable)
        {
            return retryable;
        }
        if (call.Error is { } refused)
        {
            // Nothing left to try: Genesys will not take this receipt. The ledger still records why the message failed.
            logger.LogError("Genesys refused the Failed receipt of {MessageId} ({Status} {Code}): {Message}",
                genesysMessageId, refused.HttpStatus, refused.Code, refused.Message);
        }

        var text = $"{reason}: {message}";
        // Exhausted retries keep the row "received" (only the reason is noted), so replaying the dead letter sends it.
        await state.UpdateStatusAsync(tenantId, MessageDirection.Outbound, genesysMessageId,
            new UpdateMessageStatusRequest(markLedgerFailed ? MessageStatus.Failed : MessageStatus.Received,
                text.Length > ReasonLimit ? text[..ReasonLimit] : text), ct);
        metrics.Failed(tenantId, reason.ToString());
        logger.LogInformation("Agent message {MessageId} not sent: {Reason}", genesysMessageId, reason);
        return null;
    }

    /// <summary>The receipt reason a provider error carries, or the nearest general one.</summary>
    public static GenesysReasonCode ReasonOf(ProviderError error) =>
        Enum.TryParse<GenesysReasonCode>(error.ReceiptReason, ignoreCase: true, out var reason) && reason != GenesysReasonCode.Unknown
            ? reason
            : error.Retryable ? GenesysReasonCode.ServerError : GenesysReasonCode.GeneralError;
}
