using System.Collections.Concurrent;
using System.Text.Json;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// The customer as the middleware identified them on inbound (channel.from). <paramref name="IdType"/> is null for a
/// customer Genesys only knows by the address an agentless message was sent to.
/// </summary>
public sealed record Customer(string Id, string? IdType, string? Nickname, string? FirstName, string? LastName);

/// <summary>
/// One customer's conversation on one integration. Genesys groups every message of a customer into one interaction;
/// so does the simulator (without the 72 h inactivity split: a sandbox run is shorter than that).
/// Mutable state is guarded by <see cref="Gate"/>; readers take <see cref="Snapshot"/>.
/// </summary>
public sealed class Conversation(Guid id, string integrationId, Customer customer, DateTimeOffset createdAt, int maxMessages)
{
    private readonly List<ConversationMessage> _messages = [];
    private readonly Dictionary<string, string> _firstByChannelMessageId = new(StringComparer.Ordinal);
    private long _nextSequence;
    private volatile bool _ended;

    public Guid Id { get; } = id;
    public string IntegrationId { get; } = integrationId;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public object Gate { get; } = new();

    // Latest known customer details (nickname etc. can change between messages); read under Gate.
    public Customer Customer { get; private set; } = customer;
    public long DroppedMessages { get; private set; }
    public int DuplicateCount { get; private set; }
    public DateTimeOffset LastActivity { get; private set; } = createdAt;

    /// <summary>The customer's side of the conversation (purpose <c>customer</c>) and the agent's (purpose <c>agent</c>).</summary>
    public Participant CustomerParticipant { get; } = new(Guid.NewGuid(), ParticipantPurpose.Customer, createdAt);
    public Participant AgentParticipant { get; } = new(Guid.NewGuid(), ParticipantPurpose.Agent, createdAt);

    /// <summary>
    /// Whether the conversation is over (its customer participant was disconnected). Readable without the lock: the
    /// store opens a new conversation for the customer's next message once this is set.
    /// </summary>
    public bool IsEnded => _ended;

    // Agent messages are posted one after the other per conversation (see WebhookDispatcher).
    internal ConcurrentQueue<Func<CancellationToken, Task>> Outbox { get; } = new();
    internal int OutboxRunning;

    /// <summary>Appends under the caller's lock on <see cref="Gate"/>; flags (never drops) a repeated channel.messageId.</summary>
    public void AppendLocked(ConversationMessage message)
    {
        message.Sequence = ++_nextSequence;
        if (message.ChannelMessageId is { Length: > 0 } channelMessageId && message.Direction == MessageDirection.Inbound)
        {
            if (_firstByChannelMessageId.TryGetValue(channelMessageId, out var first))
            {
                message.DuplicateOf = first;
                DuplicateCount++;
            }
            else if (message.Id is not null)
            {
                _firstByChannelMessageId[channelMessageId] = message.Id;
            }
        }

        _messages.Add(message);
        LastActivity = message.ReceivedAt;
        if (_messages.Count > maxMessages)
        {
            _messages.RemoveAt(0);
            DroppedMessages++;
        }
    }

    public void UpdateCustomerLocked(Customer customer) => Customer = customer;

    /// <summary>
    /// Disconnects a participant (under the caller's lock on <see cref="Gate"/>). Disconnecting the customer ends the
    /// conversation for everyone, as in Genesys; disconnecting the agent leaves the customer connected. Returns false
    /// when the participant was already disconnected.
    /// </summary>
    public bool DisconnectLocked(Participant participant, DateTimeOffset now)
    {
        if (participant.EndTime is not null)
        {
            return false;
        }
        participant.EndTime = now;
        if (participant.Purpose == ParticipantPurpose.Customer)
        {
            AgentParticipant.EndTime ??= now;
            _ended = true;
        }
        return true;
    }

    public Participant? FindParticipant(Guid id) =>
        id == CustomerParticipant.Id ? CustomerParticipant : id == AgentParticipant.Id ? AgentParticipant : null;

    public ConversationSnapshot Snapshot()
    {
        lock (Gate)
        {
            return new ConversationSnapshot(this, Customer, [.. _messages.Select(m => m.Freeze())], DroppedMessages, DuplicateCount, LastActivity,
                [CustomerParticipant.Freeze(), AgentParticipant.Freeze()]);
        }
    }

    public (int Messages, DateTimeOffset LastActivity, Customer Customer, int Duplicates) Summary()
    {
        lock (Gate)
        {
            return (_messages.Count, LastActivity, Customer, DuplicateCount);
        }
    }
}

public sealed record ConversationSnapshot(
    Conversation Conversation,
    Customer Customer,
    IReadOnlyList<MessageSnapshot> Messages,
    long DroppedMessages,
    int DuplicateCount,
    DateTimeOffset LastActivity,
    IReadOnlyList<ParticipantSnapshot> Participants);

public static class ParticipantPurpose
{
    public const string Customer = "customer";
    public const string Agent = "agent";
}

/// <summary>A participant of a conversation; <see cref="EndTime"/> is set (under the conversation's Gate) when disconnected.</summary>
public sealed class Participant(Guid id, string purpose, DateTimeOffset startTime)
{
    public Guid Id { get; } = id;
    public string Purpose { get; } = purpose;
    public DateTimeOffset StartTime { get; } = startTime;
    public DateTimeOffset? EndTime { get; set; }

    public ParticipantSnapshot Freeze() => new(Id, Purpose, EndTime is null ? "connected" : "disconnected", StartTime, EndTime);
}

public sealed record ParticipantSnapshot(Guid Id, string Purpose, string State, DateTimeOffset StartTime, DateTimeOffset? EndTime);

public static class MessageDirection
{
    public const string Inbound = "Inbound";
    public const string Outbound = "Outbound";
}

/// <summary>Who wrote an outbound message: the simulated agent, or an agentless API call (no agent at all).</summary>
public static class MessageSenders
{
    public const string Agent = "agent";
    public const string Agentless = "agentless";
}

/// <summary>An inbound attachment and what happened when the simulator fetched it, as Genesys does.</summary>
public sealed record InboundAttachment(string? ContentType, OpenAttachment Attachment, AttachmentFetchResult Fetch);

public sealed record AttachmentFetchResult(
    bool Succeeded,
    int? HttpStatus,
    string? Error,
    long? SizeBytes,
    string? Sha256,
    string? ContentType,
    bool? Sha256Matches,
    double DurationMs);

public sealed record ReceiptRecord(
    string Status,
    IReadOnlyList<ReceiptReason> Reasons,
    bool? IsFinalReceipt,
    string? Time,
    DateTimeOffset ReceivedAt,
    bool ToMatchesCustomer);

public sealed record DeliveryAttempt(
    int Attempt,
    DateTimeOffset StartedAt,
    int? HttpStatus,
    string? Error,
    bool TimedOut,
    double DurationMs);

public static class DeliveryStatus
{
    public const string Pending = "Pending";
    public const string Delivered = "Delivered";
    public const string Failed = "Failed";
}

/// <summary>
/// A message of a conversation, either direction. Inbound: what the middleware posted. Outbound: what the agent or an
/// agentless API call sent, and the exact webhook payload. Mutated only under the owning conversation's Gate.
/// </summary>
public sealed class ConversationMessage
{
    public long Sequence { get; set; }
    /// <summary>Genesys message id; null for an inbound message Genesys rejected (e.g. an attachment it could not fetch).</summary>
    public string? Id { get; init; }
    public required string Direction { get; init; }
    public required string Type { get; init; }
    public string? Text { get; init; }
    public string? ChannelMessageId { get; init; }
    public string? Time { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public JsonElement? ChannelMetadata { get; init; }
    public string? DuplicateOf { get; set; }
    public ErrorBody? Rejection { get; init; }

    // Inbound specifics.
    public IReadOnlyList<InboundAttachment>? Attachments { get; init; }
    public IReadOnlyList<OpenEvent>? Events { get; init; }
    public ButtonResponse? ButtonResponse { get; init; }
    public string? OriginatingMessageId { get; init; }

    // Outbound specifics.
    public OutboundMessage? Payload { get; init; }
    /// <summary>One of <see cref="MessageSenders"/>.</summary>
    public string? SentBy { get; init; }
    public string? DeliveryStatus { get; set; }
    public List<DeliveryAttempt> DeliveryAttempts { get; } = [];
    public List<ReceiptRecord> Receipts { get; } = [];

    public MessageSnapshot Freeze() => new(this, DeliveryStatus, [.. DeliveryAttempts], [.. Receipts]);
}

public sealed record MessageSnapshot(
    ConversationMessage Message,
    string? DeliveryStatus,
    IReadOnlyList<DeliveryAttempt> DeliveryAttempts,
    IReadOnlyList<ReceiptRecord> Receipts);
