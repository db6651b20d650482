using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

/// <summary>
/// RBM's UserMessage, as rcs-api queued it (decoded from the Pub/Sub envelope): exactly one of <see cref="Text"/>,
/// <see cref="SuggestionResponse"/>, <see cref="Location"/> and <see cref="UserFile"/>.
/// </summary>
public sealed record RbmUserMessage
{
    [JsonPropertyName("senderPhoneNumber")]
    public string? SenderPhoneNumber { get; init; }

    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("sendTime")]
    public DateTimeOffset? SendTime { get; init; }

    [JsonPropertyName("agentId")]
    public string? AgentId { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("suggestionResponse")]
    public RbmSuggestionResponse? SuggestionResponse { get; init; }

    [JsonPropertyName("location")]
    public RbmLocation? Location { get; init; }

    [JsonPropertyName("userFile")]
    public RbmUserFile? UserFile { get; init; }
}

/// <summary>The customer tapped a suggested reply (REPLY) or action (ACTION) of one of our messages.</summary>
public sealed record RbmSuggestionResponse
{
    [JsonPropertyName("postbackData")]
    public string? PostbackData { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record RbmLocation
{
    [JsonPropertyName("latitude")]
    public double Latitude { get; init; }

    [JsonPropertyName("longitude")]
    public double Longitude { get; init; }
}

/// <summary>A file the customer sent: RBM gives it by URL (<see cref="RbmFileInfo.FileUri"/>), for a limited time.</summary>
public sealed record RbmUserFile
{
    [JsonPropertyName("payload")]
    public RbmFileInfo? Payload { get; init; }

    [JsonPropertyName("thumbnail")]
    public RbmFileInfo? Thumbnail { get; init; }
}

public sealed record RbmFileInfo
{
    [JsonPropertyName("mimeType")]
    public string? MimeType { get; init; }

    /// <summary>A number in the proto3 JSON of some senders, a string (int64) in others.</summary>
    [JsonPropertyName("fileSizeBytes")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? FileSizeBytes { get; init; }

    [JsonPropertyName("fileUri")]
    public string? FileUri { get; init; }

    [JsonPropertyName("fileName")]
    public string? FileName { get; init; }
}

/// <summary>RBM's UserEvent: a receipt of one of our messages (DELIVERED, READ) or the customer typing (IS_TYPING).</summary>
public sealed record RbmUserEvent
{
    public const string Delivered = "DELIVERED";
    public const string Read = "READ";
    public const string IsTyping = "IS_TYPING";

    [JsonPropertyName("senderPhoneNumber")]
    public string? SenderPhoneNumber { get; init; }

    [JsonPropertyName("eventType")]
    public required string EventType { get; init; }

    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }

    /// <summary>The agent message the receipt is about (absent for IS_TYPING).</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("sendTime")]
    public DateTimeOffset? SendTime { get; init; }

    [JsonPropertyName("agentId")]
    public string? AgentId { get; init; }
}

/// <summary>How RBM's payloads are read: property names as RBM writes them, unknown fields ignored.</summary>
public static class RbmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
