namespace WhatsAppGenesys.Contracts.State;

public static class MessageDirection
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

/// <summary>Lifecycle of a tracked message; later states never move back to earlier ones.</summary>
public static class MessageStatus
{
    public const string Received = "received";
    public const string Delivered = "delivered";
    public const string Sent = "sent";
    public const string Read = "read";
    public const string Failed = "failed";
}

/// <summary>
/// One row of the message ledger. <see cref="MessageId"/> is the id the message arrived with (the wamid inbound,
/// the Genesys message id outbound); the ledger's unique key on (tenant, direction, message id) is what makes
/// redelivered messages visible as duplicates.
/// </summary>
public sealed record TrackedMessage(
    string TenantId,
    string Direction,
    string MessageId,
    string CustomerId,
    Guid ConversationId,
    string Status,
    string? WhatsAppMessageId,
    string? GenesysMessageId,
    string? StatusReason,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Body of <c>POST /state/message</c>. <paramref name="Channel"/>: the channel an inbound message came by
/// (<see cref="CustomerChannel"/>); the conversation remembers it as its last inbound channel.
/// </summary>
public sealed record RecordMessageRequest(
    string Direction,
    string MessageId,
    string CustomerId,
    Guid ConversationId,
    DateTimeOffset OccurredAt,
    string? WhatsAppMessageId = null,
    string? GenesysMessageId = null,
    string? Channel = null);

/// <summary>Answer of <c>POST /state/message</c>: the ledger row and whether this call created it.</summary>
public sealed record RecordMessageResult(bool Created, TrackedMessage Message);

/// <summary>Body of <c>PATCH /state/message/{direction}/{messageId}/status</c>.</summary>
public sealed record UpdateMessageStatusRequest(
    string Status,
    string? Reason = null,
    string? WhatsAppMessageId = null,
    string? GenesysMessageId = null,
    DateTimeOffset? OccurredAt = null);
