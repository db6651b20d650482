namespace WhatsAppGenesys.Contracts.Agents;

// What the agent portal reads from the portal service with an agent's session: the tenant's conversations and their
// messages (from the conversation history), and the live events its hub pushes (docs/agents.md).

/// <summary>One conversation in the agent's list: who, the last message, and whether the customer can still get free text.</summary>
/// <param name="LastCustomerMessageAt">WhatsApp's 24-hour customer-service window runs from the customer's last message.</param>
/// <param name="AgentIds">The Genesys user ids of the agents who replied in it ("mine" is a conversation I replied in).</param>
public sealed record AgentConversationSummary(
    Guid ConversationId,
    string CustomerId,
    string? CustomerName,
    string LastDirection,
    string LastType,
    string? LastText,
    DateTimeOffset LastMessageAt,
    DateTimeOffset? LastCustomerMessageAt,
    IReadOnlyList<string> AgentIds,
    int MessageCount);

/// <summary>A message as the agent sees it. <paramref name="Sequence"/> orders and deduplicates messages across reloads and pushes.</summary>
/// <param name="PreviousSequence">
/// On a push, the sequence of the conversation's message before this one (null for its first). Pushes are at most
/// once, so a page that does not hold that message missed a push and asks for what came after the last one it has.
/// </param>
public sealed record AgentMessage(
    long Sequence,
    Guid ConversationId,
    string MessageId,
    string Direction,
    string Type,
    string? Text,
    AgentMessageMedia? Media,
    string? TemplateName,
    string? CustomerName,
    string? AgentName,
    DateTimeOffset OccurredAt,
    string? Status,
    string? FailureReason,
    long? PreviousSequence = null);

/// <summary>A media attachment, with a short-lived presigned link made for this answer.</summary>
public sealed record AgentMessageMedia(string Url, string MimeType, string? Filename, string? Caption);

/// <summary>A status change of an outbound message: sent, delivered, read, or failed with the reason in words.</summary>
public sealed record AgentMessageStatus(Guid ConversationId, string MessageId, string Status, string? FailureReason, DateTimeOffset OccurredAt);

/// <summary>A supervisor ended the customer's Genesys conversation from the portal: who, and when.</summary>
public sealed record AgentConversationEnded(Guid ConversationId, string EndedByUserId, string EndedBy, DateTimeOffset EndedAt);

/// <summary>The agent hub: where it is, and the events it pushes to every agent of the tenant.</summary>
public static class AgentHub
{
    public const string Path = "/hubs/agents";

    /// <summary>A message was recorded in the history: <see cref="AgentMessage"/>.</summary>
    public const string MessageRecorded = "MessageRecorded";

    /// <summary>An outbound message's status changed: <see cref="AgentMessageStatus"/>.</summary>
    public const string StatusChanged = "StatusChanged";

    /// <summary>A conversation's Genesys conversation was ended: <see cref="AgentConversationEnded"/>.</summary>
    public const string ConversationEnded = "ConversationEnded";

    /// <summary>
    /// The connection's session ended, with why (<see cref="AgentSessionEndReasons"/>): the server closes the
    /// connection right after, and the page should send the agent to sign in.
    /// </summary>
    public const string SessionEnded = "SessionEnded";

    /// <summary>
    /// Sent to a connection once it is in its tenant's group. A client's start returns at the handshake, before that;
    /// a page loads what it shows only after this, so nothing recorded in between is neither pushed nor loaded.
    /// </summary>
    public const string Joined = "Joined";
}

/// <summary>Why a session ended before it expired, as <see cref="AgentHub.SessionEnded"/> says.</summary>
public static class AgentSessionEndReasons
{
    /// <summary>The session was signed out (in this tab or another sharing its cookie).</summary>
    public const string SignedOut = "signed-out";

    /// <summary>Genesys disabled or removed the agent's user, and the role sync took their access away.</summary>
    public const string AccessRemoved = "access-removed";
}

/// <summary>
/// An agent's free-text reply from the portal. <paramref name="ClientMessageId"/> is the page's own id for this send:
/// the same id sent twice (a double click, a retry after a timeout) reaches the customer once.
/// </summary>
public sealed record AgentReplyRequest(string Text, string ClientMessageId)
{
    /// <summary>Genesys refuses Open Messaging texts longer than this.</summary>
    public const int MaxTextLength = 2000;
}

/// <summary>Genesys took the reply; it reaches the customer through the outbound pipeline and shows up in the conversation.</summary>
public sealed record AgentReplyAccepted(Guid ConversationId, string? GenesysMessageId);
