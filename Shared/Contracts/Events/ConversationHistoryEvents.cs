using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Events;

/// <summary>
/// One message of a conversation, as the business's history keeps it: published by the inbound transformer once a
/// customer's message reached the agent, and by the outbound transformer once Meta accepted an agent's message (one
/// event per WhatsApp message, so a text split in parts is several). Consumers store it idempotently on
/// (<see cref="TenantId"/>, <see cref="Direction"/>, <see cref="MessageId"/>): a republish after a crash is expected.
/// </summary>
/// <param name="CustomerId">The state manager's customer key: the wa_id, or the BSUID for a customer without a number.</param>
/// <param name="PhoneNumberId">The business phone number the conversation runs on.</param>
/// <param name="Direction"><see cref="HistoryDirections.Inbound"/> (customer) or <see cref="HistoryDirections.Outbound"/> (agent).</param>
/// <param name="MessageId">The wamid, in both directions (statuses refer to it).</param>
/// <param name="GenesysMessageId">Outbound: the Genesys message id the agent's message had (with <c>#2</c>… for later parts).</param>
/// <param name="Type">The WhatsApp message type: text, image, template, reaction, …</param>
/// <param name="Text">The words of the message: a text's body, a button's title, an interactive body; null when it has none.</param>
/// <param name="Media">Where our copy of the file is kept (never an expiring URL).</param>
/// <param name="ReplyToMessageId">The wamid of the message this one quotes.</param>
/// <param name="CustomerName">The customer's WhatsApp profile name, when Meta sent it.</param>
/// <param name="AgentId">Who wrote an outbound message as Genesys names them (<c>channel.from.id</c>), when present.</param>
/// <param name="AgentName">Their display name (<c>channel.from.nickname</c>, or first and last name), when present.</param>
/// <param name="OccurredAt">The provider's time: Meta's message timestamp inbound, Genesys's <c>channel.time</c> outbound.</param>
/// <param name="ArchiveKey">The raw webhook's object key (webhooks-inbound inbound, webhooks-genesys outbound).</param>
public sealed record ConversationMessageRecorded(
    string TenantId,
    Guid ConversationId,
    string CustomerId,
    string? WaId,
    string? Bsuid,
    string? PhoneNumberId,
    string Direction,
    string MessageId,
    string? GenesysMessageId,
    string Type,
    string? Text,
    HistoryMedia? Media,
    HistoryTemplate? Template,
    HistoryReaction? Reaction,
    string? ReplyToMessageId,
    string? CustomerName,
    string? AgentId,
    string? AgentName,
    DateTimeOffset OccurredAt,
    string? ArchiveKey)
{
    /// <summary>The AMQP <c>type</c> of this event on the history pipeline.</summary>
    public const string EventType = "message-recorded";

    /// <summary>Same key as the message pipelines: one customer's history events are stored in order.</summary>
    [JsonIgnore]
    public string OrderingKey => HistoryDirections.OrderingKey(TenantId, CustomerId);

    /// <summary>The stable publish id: the same message republished after a crash carries the same id.</summary>
    [JsonIgnore]
    public string EventId => $"{Direction}:{MessageId}";
}

/// <summary>A file of the history in object storage, with what the sender said about it.</summary>
public sealed record HistoryMedia(string Bucket, string Key, string MimeType, string? Filename, string? Caption, long? Size);

/// <summary>A template an agent sent: its name, language and the body's parameter values in order.</summary>
public sealed record HistoryTemplate(string Name, string? Language, IReadOnlyList<string> Parameters);

/// <summary>A reaction; <see cref="Emoji"/> is null or empty when the reaction was removed.</summary>
public sealed record HistoryReaction(string? Emoji, string TargetMessageId);

/// <summary>
/// Meta's status of one of our outbound messages (sent, delivered, read, failed), published by the inbound transformer
/// once the ledger recorded it. Statuses can arrive in any order; consumers keep every one and never let a late
/// one move a message back (read beats delivered beats sent).
/// </summary>
/// <param name="MessageId">The wamid the status is about.</param>
/// <param name="Status">See <see cref="HistoryStatuses"/>.</param>
/// <param name="FailureCode">Meta's error code of a failed message.</param>
/// <param name="FailureReason">Meta's error title and details of a failed message.</param>
/// <param name="OccurredAt">Meta's timestamp of the status.</param>
public sealed record ConversationMessageStatusChanged(
    string TenantId,
    string CustomerId,
    string MessageId,
    string Status,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset OccurredAt)
{
    public const string EventType = "status-changed";

    [JsonIgnore]
    public string OrderingKey => HistoryDirections.OrderingKey(TenantId, CustomerId);

    [JsonIgnore]
    public string EventId => $"status:{MessageId}:{Status}";
}

public static class HistoryDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";

    public static string OrderingKey(string tenantId, string customerId) => $"{tenantId}:{customerId}";
}

/// <summary>The statuses the history records (Meta's "played" and "deleted" are not among them).</summary>
public static class HistoryStatuses
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    public static bool IsRecorded(string status) => status is Sent or Delivered or Read or Failed;
}
