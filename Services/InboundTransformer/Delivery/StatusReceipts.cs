using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// Meta's statuses of an agent's message → Genesys receipts (docs/outbound.md): <c>delivered</c> → Delivered,
/// <c>failed</c> → Failed with the reason mapped from Meta's error and Meta's own words (final). Genesys has no Read,
/// so <c>read</c> only counts as Delivered when Meta skipped <c>delivered</c>; <c>sent</c> is only recorded.
/// </summary>
public sealed class StatusReceipts(GenesysApiClient genesys, ReceiptMetrics metrics)
{
    /// <param name="tracked">The ledger row the status belongs to, as it was before this status.</param>
    /// <returns>Null when done (sent, or nothing to send); else the error of a receipt Genesys could not take.</returns>
    public async Task<ProviderError?> ForwardAsync(string tenantId, MetaStatus status, TrackedMessage tracked, CancellationToken ct)
    {
        if (tracked.Direction != MessageDirection.Outbound || tracked.GenesysMessageId is not { } genesysId)
        {
            // Not an agent's message (the direct send API): the ledger is all there is to update.
            return null;
        }
        // A message Genesys sent that we split into several WhatsApp messages is delivered when its first part is;
        // a failure of any part fails it.
        var isFirstPart = tracked.MessageId == genesysId;
        var alreadyDelivered = tracked.Status is MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Failed;
        var receipt = status.Status switch
        {
            MetaStatusValues.Delivered when isFirstPart => StatusReceiptMapper.ToReceipt(status, genesysId),
            MetaStatusValues.Read or MetaStatusValues.Played when isFirstPart && !alreadyDelivered =>
                StatusReceiptMapper.ToReceipt(status with { Status = MetaStatusValues.Delivered }, genesysId),
            MetaStatusValues.Failed => StatusReceiptMapper.ToReceipt(status, genesysId),
            _ => null,
        };
        if (receipt is null)
        {
            return null;
        }

        var call = await genesys.SendReceiptAsync(tenantId, $"{genesysId}:receipt:{receipt.Status}",
            JsonSerializer.SerializeToElement(receipt, GenesysJson.Options), ct);
        if (call.Error is { Retryable: true } retryable)
        {
            return retryable;
        }
        if (receipt.Status == GenesysReceiptStatus.Failed)
        {
            metrics.Failed(tenantId, receipt.Reasons?.FirstOrDefault()?.Code.ToString() ?? nameof(GenesysReasonCode.GeneralError));
        }
        else
        {
            metrics.Delivered(tenantId, DateTimeOffset.FromUnixTimeSeconds(status.Timestamp) - tracked.OccurredAt);
        }
        return call.Error;
    }
}
