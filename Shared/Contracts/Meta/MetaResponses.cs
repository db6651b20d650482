using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>The 200 answer to a send: <c>messages[0].id</c> is the wamid later statuses refer to.</summary>
public sealed record MetaSendMessageResponse
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; init; }

    [JsonPropertyName("contacts")]
    public IReadOnlyList<MetaSendResponseContact>? Contacts { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<MetaSentMessage>? Messages { get; init; }
}

public sealed record MetaSendResponseContact
{
    [JsonPropertyName("input")]
    public string? Input { get; init; }

    [JsonPropertyName("wa_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WaId { get; init; }

    [JsonPropertyName("user_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; init; }
}

public sealed record MetaSentMessage
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Templates: "accepted", "held_for_quality_assessment" or "paused".</summary>
    [JsonPropertyName("message_status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageStatus { get; init; }
}

/// <summary>The answer to mark-as-read.</summary>
public sealed record MetaSuccessResponse
{
    [JsonPropertyName("success")]
    public bool Success { get; init; }
}

/// <summary>Graph API error body of any 4xx/5xx: <c>{"error":{…}}</c>.</summary>
public sealed record MetaGraphErrorBody
{
    [JsonPropertyName("error")]
    public MetaGraphError? Error { get; init; }
}

public sealed record MetaGraphError
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("code")]
    public int Code { get; init; }

    /// <summary>Deprecated since v16; classify on <see cref="Code"/> and <see cref="ErrorData"/>.</summary>
    [JsonPropertyName("error_subcode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ErrorSubcode { get; init; }

    [JsonPropertyName("error_data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaErrorData? ErrorData { get; init; }

    [JsonPropertyName("error_user_title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorUserTitle { get; init; }

    [JsonPropertyName("error_user_msg")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorUserMsg { get; init; }

    [JsonPropertyName("is_transient")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsTransient { get; init; }

    [JsonPropertyName("fbtrace_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FbtraceId { get; init; }
}

/// <summary>
/// <c>GET /{version}/{media-id}</c>: where to download inbound media. The URL is valid for 5 minutes and needs the
/// same bearer token.
/// </summary>
public sealed record MetaMediaMetadata
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("mime_type")]
    public string? MimeType { get; init; }

    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    /// <summary>Bytes; Meta sends a string.</summary>
    [JsonPropertyName("file_size")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long FileSize { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
