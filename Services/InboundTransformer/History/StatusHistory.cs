using System.Globalization;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.InboundTransformer.History;

/// <summary>A Meta status of one of our messages as the conversation history records it.</summary>
public static class StatusHistory
{
    public static ConversationMessageStatusChanged Describe(string tenantId, DateTimeOffset occurredAt, MetaStatus status, TrackedMessage tracked)
    {
        var error = status.Errors is { Count: > 0 } errors ? errors[0] : null;
        return new ConversationMessageStatusChanged(
            tenantId,
            tracked.CustomerId,
            status.Id,
            status.Status,
            error?.Code.ToString(CultureInfo.InvariantCulture),
            error is null ? null : string.Join(": ", new[] { error.Title, error.BestDetails }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct()),
            occurredAt);
    }
}
