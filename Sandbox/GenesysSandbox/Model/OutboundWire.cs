using System.Text.Json.Serialization;

namespace WhatsAppGenesys.GenesysSandbox.Model;

// The Open Messaging OUTBOUND webhook payload (OpenOutboundNormalizedMessage), field for field as in Genesys's JSON
// schema and the captured payloads: compact camelCase, nulls omitted. Names are pinned with attributes because this
// is the contract the middleware parses and signs.

public sealed record OutboundMessage
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("channel")] public required OutboundChannel Channel { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("content")] public IReadOnlyList<OutboundContent>? Content { get; init; }
    [JsonPropertyName("events")] public IReadOnlyList<OutboundEvent>? Events { get; init; }
    [JsonPropertyName("originatingEntity")] public string? OriginatingEntity { get; init; }
    [JsonPropertyName("direction")] public string Direction { get; init; } = "Outbound";
    [JsonPropertyName("conversationId")] public required string ConversationId { get; init; }
}

public sealed record OutboundChannel
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("platform")] public string Platform { get; init; } = "Open";
    [JsonPropertyName("type")] public string Type { get; init; } = "Private";
    [JsonPropertyName("to")] public required OutboundRecipient To { get; init; }
    [JsonPropertyName("from")] public required OutboundRecipient From { get; init; }
    [JsonPropertyName("time")] public required string Time { get; init; }
    [JsonPropertyName("messageId")] public required string MessageId { get; init; }
}

public sealed record OutboundRecipient
{
    [JsonPropertyName("nickname")] public string? Nickname { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("idType")] public string? IdType { get; init; }
}

public sealed record OutboundContent
{
    [JsonPropertyName("contentType")] public required string ContentType { get; init; }
    [JsonPropertyName("attachment")] public OutboundAttachment? Attachment { get; init; }
    [JsonPropertyName("quickReply")] public OutboundQuickReply? QuickReply { get; init; }
    [JsonPropertyName("template")] public NotificationTemplate? Template { get; init; }
}

public sealed record OutboundAttachment
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("mediaType")] public required string MediaType { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("mime")] public required string Mime { get; init; }
    [JsonPropertyName("filename")] public string? Filename { get; init; }
    [JsonPropertyName("contentSizeBytes")] public long ContentSizeBytes { get; init; }
}

public sealed record OutboundQuickReply
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("payload")] public required string Payload { get; init; }
    [JsonPropertyName("action")] public string Action { get; init; } = "Message";
}

public sealed record NotificationTemplate
{
    /// <summary>For WhatsApp Genesys documents this as "namespace@name".</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("header")] public TemplateHeader? Header { get; init; }
    [JsonPropertyName("body")] public required TemplateBody Body { get; init; }
    [JsonPropertyName("footer")] public TemplateFooter? Footer { get; init; }
}

public sealed record TemplateHeader
{
    [JsonPropertyName("type")] public string Type { get; init; } = "Text";
    [JsonPropertyName("text")] public string? Text { get; init; }
}

public sealed record TemplateBody
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("parameters")] public required IReadOnlyList<TemplateParameter> Parameters { get; init; }
}

public sealed record TemplateFooter
{
    [JsonPropertyName("text")] public string? Text { get; init; }
}

public sealed record TemplateParameter
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
}

public sealed record OutboundEvent
{
    [JsonPropertyName("eventType")] public string EventType { get; init; } = "Typing";
    [JsonPropertyName("typing")] public OutboundTyping? Typing { get; init; }
}

public sealed record OutboundTyping
{
    [JsonPropertyName("type")] public string Type { get; init; } = "On";
    [JsonPropertyName("duration")] public int? Duration { get; init; }
}
