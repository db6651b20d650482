using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.History;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// A provider's statuses of an agent's message → Genesys receipts (docs/outbound.md): delivered → Delivered,
/// failed → Failed with the reason mapped from the provider's error and its own words (final). Genesys has no Read,
/// so read only counts as Delivered when the provider skipped delivered; sent is only recorded. The same for
/// WhatsApp's statuses and RCS's DELIVERED and READ (<see cref="ProviderStatus"/>).
/// </summary>
public sealed class StatusReceipts(GenesysApiClient genesys, ReceiptMetrics metrics)
{
    /// <summary>A Meta status (see <see cref="ForwardAsync(string, ProviderStatus, TrackedMessage, CancellationToken)"/>).</summary>
    public Task<ProviderError?> ForwardAsync(string tenantId, MetaStatus status, TrackedMessage tracked, CancellationToken ct) =>
        ForwardAsync(tenantId, MetaStatuses.Read(status, tenantId), tracked, ct);

    /// <param name="tracked">The ledger row the status belongs to, as it was before this status.</param>
    /// <returns>Null when done (sent, or nothing to send); else the error of a receipt Genesys could not take.</returns>
    public async Task<ProviderError?> ForwardAsync(string tenantId, ProviderStatus status, TrackedMessage tracked, CancellationToken ct)
    {
        if (tracked.Direction != MessageDirection.Outbound || tracked.GenesysMessageId is not { } genesysId)
        {
            // Not an agent's message (the direct send API): the ledger is all there is to update.
            return null;
        }
        // A message Genesys sent that we split into several provider messages is delivered when its first part is;
        // a failure of any part fails it.
        var isFirstPart = tracked.MessageId == genesysId;
        var alreadyDelivered = tracked.Status is MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Failed;
        var receipt = status.Status switch
        {
            MetaStatusValues.Delivered when isFirstPart => status.Receipt(MetaStatusValues.Delivered, genesysId),
            MetaStatusValues.Read or MetaStatusValues.Played when isFirstPart && !alreadyDelivered =>
                status.Receipt(MetaStatusValues.Delivered, genesysId),
            MetaStatusValues.Failed => status.Receipt(MetaStatusValues.Failed, genesysId),
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
            metrics.Delivered(tenantId, status.OccurredAt - tracked.OccurredAt);
        }
        return call.Error;
    }
}
