using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Events;

/// <summary>
/// What rcs-api's webhook queues for the inbound transformer: one RBM user message (text, suggestion response,
/// location, file) or user event (DELIVERED, READ, IS_TYPING). <see cref="Payload"/> is the decoded UserMessage or
/// UserEvent exactly as the provider signed it; the tenant was resolved by the agent id and the signature verified
/// before anything was queued. <see cref="CustomerId"/> is the conversation's key: <c>CustomerAddress.Rcs(msisdn).CustomerId</c>,
/// or the number's WhatsApp form when the tenant links the two channels (<c>LinkedChannels</c>); <see cref="Msisdn"/>
/// is always the user's RCS address.
/// </summary>
public sealed record RcsEventReceived(
    string EventId,
    string Kind,
    string TenantId,
    string AgentId,
    string CustomerId,
    string Msisdn,
    JsonElement Payload,
    DateTimeOffset ReceivedAt,
    string? ArchiveKey)
{
    /// <summary>A UserMessage: something the customer wrote, to deliver to the agent.</summary>
    public const string MessageKind = "message";

    /// <summary>A UserEvent: a receipt (DELIVERED, READ) of one of our messages, or the customer typing.</summary>
    public const string EventKind = "event";

    /// <summary>Per-customer order key, the same shape as WhatsApp's: one customer's events share a partition.</summary>
    public string OrderingKey => $"{TenantId}:{CustomerId}";
}
