using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.GenesysSandbox.Model;

// Request bodies of the four /inbound/open/* endpoints (OpenInboundNormalizedMessage, ...Receipt, ...Event and
// OpenInboundStructuredResponseMessage in the Genesys SDKs). Every member is nullable: the validator, not the
// deserializer, decides what is missing, so the caller gets Genesys's error text instead of a JSON exception.

public sealed record OpenRecipient
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("idType")] public string? IdType { get; init; }
    [JsonPropertyName("nickname")] public string? Nickname { get; init; }
    [JsonPropertyName("firstName")] public string? FirstName { get; init; }
    [JsonPropertyName("lastName")] public string? LastName { get; init; }
    [JsonPropertyName("image")] public string? Image { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
}

public sealed record InboundChannel
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("platform")] public string? Platform { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("messageId")] public string? MessageId { get; init; }
    [JsonPropertyName("from")] public OpenRecipient? From { get; init; }
    [JsonPropertyName("to")] public OpenRecipient? To { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; init; }
}

public sealed record OpenAttachment
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("mime")] public string? Mime { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
    [JsonPropertyName("filename")] public string? Filename { get; init; }
}

public sealed record InboundContent
{
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
    [JsonPropertyName("attachment")] public OpenAttachment? Attachment { get; init; }
}

public sealed record InboundMessageRequest
{
    [JsonPropertyName("channel")] public InboundChannel? Channel { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("content")] public IReadOnlyList<InboundContent>? Content { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record ReceiptReason
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

public sealed record InboundReceiptRequest
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("channel")] public InboundChannel? Channel { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("reasons")] public IReadOnlyList<ReceiptReason>? Reasons { get; init; }
    [JsonPropertyName("isFinalReceipt")] public bool? IsFinalReceipt { get; init; }
}

public sealed record TypingInfo
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("duration")] public int? Duration { get; init; }
}

public sealed record OpenEvent
{
    [JsonPropertyName("eventType")] public string? EventType { get; init; }
    [JsonPropertyName("typing")] public TypingInfo? Typing { get; init; }
}

public sealed record InboundEventRequest
{
    [JsonPropertyName("channel")] public InboundChannel? Channel { get; init; }
    [JsonPropertyName("events")] public IReadOnlyList<OpenEvent>? Events { get; init; }
}

public sealed record ButtonResponse
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("payload")] public string? Payload { get; init; }
}

public sealed record InboundStructuredResponseRequest
{
    [JsonPropertyName("channel")] public InboundChannel? Channel { get; init; }
    [JsonPropertyName("buttonResponse")] public ButtonResponse? ButtonResponse { get; init; }
    [JsonPropertyName("originatingMessageId")] public string? OriginatingMessageId { get; init; }
}
