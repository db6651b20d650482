using System.Text.Json;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Control;

// What the "agent desktop" of the simulator shows (GET /sandbox/conversations...). Tests assert on these.

public sealed record CustomerView(string Id, string? IdType, string? Nickname, string? FirstName, string? LastName)
{
    public static CustomerView From(Customer c) => new(c.Id, c.IdType, c.Nickname, c.FirstName, c.LastName);
}

public sealed record ConversationSummaryView(
    Guid Id,
    string IntegrationId,
    CustomerView Customer,
    int MessageCount,
    int DuplicateCount,
    DateTimeOffset LastActivity,
    string State)
{
    public static ConversationSummaryView From(Conversation conversation)
    {
        var (messages, lastActivity, customer, duplicates) = conversation.Summary();
        return new(conversation.Id, conversation.IntegrationId, CustomerView.From(customer), messages, duplicates, lastActivity,
            ConversationView.StateOf(conversation));
    }
}

public sealed record ConversationView(
    Guid Id,
    string IntegrationId,
    CustomerView Customer,
    DateTimeOffset CreatedAt,
    int MessageCount,
    long DroppedMessages,
    int DuplicateCount,
    string State,
    IReadOnlyList<ParticipantSnapshot> Participants,
    IReadOnlyList<MessageView> Messages)
{
    /// <summary><c>connected</c> until the customer participant is disconnected, then <c>disconnected</c>.</summary>
    public static string StateOf(Conversation conversation) => conversation.IsEnded ? "disconnected" : "connected";

    public static ConversationView From(ConversationSnapshot snapshot) => new(
        snapshot.Conversation.Id,
        snapshot.Conversation.IntegrationId,
        CustomerView.From(snapshot.Customer),
        snapshot.Conversation.CreatedAt,
        snapshot.Messages.Count,
        snapshot.DroppedMessages,
        snapshot.DuplicateCount,
        StateOf(snapshot.Conversation),
        snapshot.Participants,
        [.. snapshot.Messages.Select(MessageView.From)]);
}

/// <summary>
/// One message. <c>id</c> is the Genesys message id (absent when Genesys rejected the message), <c>channelMessageId</c>
/// the provider id the middleware sent (for outbound messages the webhook id). Inbound attachments show what the fetch
/// found; outbound messages show who sent them (<c>sentBy</c>: agent or agentless), their webhook delivery attempts, the
/// receipts received for them and the exact payload.
/// </summary>
public sealed record MessageView(
    long Sequence,
    string? Id,
    string Direction,
    string Type,
    string? Text,
    IReadOnlyList<object>? Content,
    IReadOnlyList<object>? Events,
    ButtonResponse? ButtonResponse,
    string? OriginatingMessageId,
    string? ChannelMessageId,
    string? Time,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string>? Metadata,
    JsonElement? ChannelMetadata,
    bool IsDuplicate,
    string? DuplicateOf,
    bool Rejected,
    ErrorBody? Rejection,
    string? OriginatingEntity,
    string? SentBy,
    DeliveryView? Delivery,
    IReadOnlyList<ReceiptRecord>? Receipts,
    OutboundMessage? Payload)
{
    public static MessageView From(MessageSnapshot snapshot)
    {
        var m = snapshot.Message;
        var outbound = m.Direction == MessageDirection.Outbound;
        IReadOnlyList<object>? content = outbound
            ? m.Payload?.Content?.Cast<object>().ToList()
            : m.Attachments?.Select(a => (object)new InboundAttachmentView(a.ContentType ?? "Attachment", a.Attachment, a.Fetch)).ToList();
        IReadOnlyList<object>? events = outbound
            ? m.Payload?.Events?.Cast<object>().ToList()
            : m.Events?.Cast<object>().ToList();

        return new MessageView(
            m.Sequence, m.Id, m.Direction, m.Type, m.Text, content, events, m.ButtonResponse, m.OriginatingMessageId,
            m.ChannelMessageId, m.Time, m.ReceivedAt, m.Metadata, m.ChannelMetadata,
            m.DuplicateOf is not null, m.DuplicateOf, m.Rejection is not null, m.Rejection,
            m.Payload?.OriginatingEntity,
            m.SentBy,
            outbound ? new DeliveryView(snapshot.DeliveryStatus ?? DeliveryStatus.Pending, snapshot.DeliveryAttempts.Count, snapshot.DeliveryAttempts) : null,
            outbound ? snapshot.Receipts : null,
            m.Payload);
    }
}

public sealed record InboundAttachmentView(string ContentType, OpenAttachment Attachment, AttachmentFetchResult Fetch);

public sealed record DeliveryView(string Status, int AttemptCount, IReadOnlyList<DeliveryAttempt> Attempts);
