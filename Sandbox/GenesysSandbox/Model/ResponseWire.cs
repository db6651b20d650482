using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// What the /inbound/open/* endpoints answer: the normalized message as Genesys stored it (OpenMessageNormalizedMessage,
/// OpenEventNormalizedMessage, OpenReceiptNormalizedMessage share this shape), with the Genesys message id.
/// </summary>
public sealed record OpenNormalizedResponse
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("channel")] public required ResponseChannel Channel { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("content")] public IReadOnlyList<ResponseContent>? Content { get; init; }
    [JsonPropertyName("events")] public IReadOnlyList<OpenEvent>? Events { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("reasons")] public IReadOnlyList<ReceiptReason>? Reasons { get; init; }
    [JsonPropertyName("isFinalReceipt")] public bool? IsFinalReceipt { get; init; }
    [JsonPropertyName("originatingMessageId")] public string? OriginatingMessageId { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    [JsonPropertyName("direction")] public required string Direction { get; init; }
    [JsonPropertyName("conversationId")] public string? ConversationId { get; init; }
}

public sealed record ResponseChannel
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("platform")] public string Platform { get; init; } = "Open";
    [JsonPropertyName("type")] public string Type { get; init; } = "Private";
    [JsonPropertyName("messageId")] public string? MessageId { get; init; }
    [JsonPropertyName("to")] public OpenRecipient? To { get; init; }
    [JsonPropertyName("from")] public OpenRecipient? From { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; init; }
}

public sealed record ResponseContent
{
    [JsonPropertyName("contentType")] public required string ContentType { get; init; }
    [JsonPropertyName("attachment")] public OpenAttachment? Attachment { get; init; }
    [JsonPropertyName("buttonResponse")] public ButtonResponse? ButtonResponse { get; init; }
}
