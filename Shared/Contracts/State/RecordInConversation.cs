using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.State;

/// <summary>
/// Body of <c>POST /state/conversation/message</c>: resolve the customer's conversation (creating it on first contact)
/// and record a message in it, in one call. It is <c>POST /state/mapping</c> and <c>POST /state/message</c> together,
/// for the writers that always made both calls one after the other (a round trip fewer per message).
/// </summary>
public sealed record RecordInConversationRequest(
    EnsureMappingRequest Conversation,
    string Direction,
    string MessageId,
    DateTimeOffset OccurredAt,
    string? WhatsAppMessageId = null,
    string? GenesysMessageId = null,
    string? Channel = null)
{
    public RecordMessageRequest Message(Guid conversationId) =>
        new(Direction, MessageId, Conversation.CustomerId, conversationId, OccurredAt, WhatsAppMessageId, GenesysMessageId, Channel);
}

/// <summary>
/// Answer of <c>POST /state/conversation/message</c>: the conversation (as the message left it: an inbound message
/// moves its last-inbound fields), the ledger row, and whether this call created the row.
/// </summary>
public sealed record RecordInConversationResult(ConversationMapping Conversation, bool Created, TrackedMessage Message);

/// <summary>
/// Answer of <c>PATCH /state/message/by-wamid/{wamid}/status</c>: the ledger row the provider's id belongs to, as the
/// status left it, and the status it had before (a receipt depends on what was already reported).
/// </summary>
public sealed record ProviderStatusResult(TrackedMessage Message, string PreviousStatus)
{
    /// <summary>The row as it was before this status.</summary>
    [JsonIgnore]
    public TrackedMessage Before => Message with { Status = PreviousStatus };
}
