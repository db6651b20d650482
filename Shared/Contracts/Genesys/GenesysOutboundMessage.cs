using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// What Genesys POSTs to our outbound webhook ("Outbound Open NormalizedMessage"): an agent or bot message
/// (<see cref="GenesysMessageType.Text"/>/<see cref="GenesysMessageType.Structured"/>), a typing
/// <see cref="GenesysMessageType.Event"/>, or a <see cref="GenesysMessageType.Receipt"/> about a customer message.
/// <see cref="Id"/> (+ channel time) is unique per message: our idempotency key and the id receipts refer to.
/// </summary>
public sealed record GenesysOutboundMessage
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("channel")]
    public GenesysOutboundChannel? Channel { get; init; }

    [JsonPropertyName("type")]
    public GenesysMessageType Type { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysOutboundContent>? Content { get; init; }

    [JsonPropertyName("events")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysEvent>? Events { get; init; }

    /// <summary>Receipts only.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysReceiptStatus? Status { get; init; }

    [JsonPropertyName("reasons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysReason>? Reasons { get; init; }

    [JsonPropertyName("isFinalReceipt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsFinalReceipt { get; init; }

    [JsonPropertyName("originatingEntity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysOriginatingEntity? OriginatingEntity { get; init; }

    [JsonPropertyName("direction")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysDirection? Direction { get; init; }

    [JsonPropertyName("conversationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    /// <summary>Free-form; values are not always strings.</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>Channel of an outbound message: <see cref="Id"/> is the integration id, <see cref="To"/> the customer.</summary>
public sealed record GenesysOutboundChannel
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    /// <summary>Always "Open".</summary>
    [JsonPropertyName("platform")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Platform { get; init; }

    /// <summary>Always "Private".</summary>
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonPropertyName("to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysRecipient? To { get; init; }

    [JsonPropertyName("from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysRecipient? From { get; init; }

    [JsonPropertyName("time")]
    [JsonConverter(typeof(GenesysTimeConverter))]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("messageId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageId { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysChannelMetadata? Metadata { get; init; }
}
