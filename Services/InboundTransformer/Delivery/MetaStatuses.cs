using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.History;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>A Meta status of one of our messages as a <see cref="ProviderStatus"/>.</summary>
public static class MetaStatuses
{
    /// <param name="receivedAt">When the webhook came, for a status without a timestamp of its own.</param>
    public static ProviderStatus Read(MetaStatus status, string tenantId, DateTimeOffset? receivedAt = null)
    {
        var occurredAt = status.Timestamp > 0 || receivedAt is null ? DateTimeOffset.FromUnixTimeSeconds(status.Timestamp) : receivedAt.Value;
        return new ProviderStatus(
            status.Id,
            status.Status,
            status.Errors is { Count: > 0 } errors ? $"{errors[0].Code}: {errors[0].Title}" : null,
            occurredAt,
            (value, genesysId) => StatusReceiptMapper.ToReceipt(status with { Status = value }, genesysId),
            tracked => StatusHistory.Describe(tenantId, occurredAt, status, tracked));
    }
}
