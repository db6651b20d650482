using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>Body of <c>…/inbound/open/event</c>: the customer is typing. (WhatsApp sends no such webhook today.)</summary>
public sealed record GenesysInboundEvent
{
    [JsonPropertyName("channel")]
    public required GenesysEventChannel Channel { get; init; }

    [JsonPropertyName("events")]
    public required IReadOnlyList<GenesysEvent> Events { get; init; }
}

public sealed record GenesysEventChannel
{
    [JsonPropertyName("from")]
    public required GenesysRecipient From { get; init; }

    [JsonPropertyName("time")]
    [JsonConverter(typeof(GenesysTimeConverter))]
    public required DateTimeOffset Time { get; init; }
}

/// <summary>An event in either direction.</summary>
public sealed record GenesysEvent
{
    [JsonPropertyName("eventType")]
    public GenesysEventType EventType { get; init; }

    [JsonPropertyName("typing")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysTyping? Typing { get; init; }
}

public sealed record GenesysTyping
{
    [JsonPropertyName("type")]
    public GenesysTypingType Type { get; init; } = GenesysTypingType.On;

    /// <summary>Milliseconds.</summary>
    [JsonPropertyName("duration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Duration { get; init; }
}
