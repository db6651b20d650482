using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Body of <c>POST /api/v2/conversations/messages/{integrationId}/inbound/open/message</c>: a customer message.
/// Genesys requires <see cref="Text"/> or <see cref="Content"/>.
/// </summary>
public sealed record GenesysInboundMessage
{
    [JsonPropertyName("channel")]
    public required GenesysInboundChannel Channel { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysInboundContent>? Content { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record GenesysInboundChannel
{
    [JsonPropertyName("from")]
    public required GenesysRecipient From { get; init; }

    /// <summary>When the customer sent it (not when we processed it).</summary>
    [JsonPropertyName("time")]
    [JsonConverter(typeof(GenesysTimeConverter))]
    public required DateTimeOffset Time { get; init; }

    /// <summary>The provider's message id (the wamid): Genesys dedupes on it.</summary>
    [JsonPropertyName("messageId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageId { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysChannelMetadata? Metadata { get; init; }
}

public sealed record GenesysInboundContent
{
    [JsonPropertyName("contentType")]
    public GenesysContentType ContentType { get; init; } = GenesysContentType.Attachment;

    [JsonPropertyName("attachment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysAttachment? Attachment { get; init; }
}

/// <summary>The answer to an inbound message; <see cref="ConversationId"/> only with <c>prefetchConversationId=true</c>.</summary>
public sealed record GenesysInboundMessageResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("channel")]
    public GenesysOutboundChannel? Channel { get; init; }

    [JsonPropertyName("type")]
    public GenesysMessageType? Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; init; }
}
