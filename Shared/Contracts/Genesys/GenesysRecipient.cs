using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// A party of an Open Messaging conversation. For our customers: <c>+&lt;wa_id&gt;</c> with <see cref="GenesysIdType.Phone"/>,
/// or the BSUID with <see cref="GenesysIdType.Opaque"/> when Meta gives no phone number.
/// </summary>
public sealed record GenesysRecipient
{
    /// <summary>Not <c>required</c>: this type is also read from webhooks, where a missing id must not fail parsing.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("idType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysIdType? IdType { get; init; }

    [JsonPropertyName("firstName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; init; }

    [JsonPropertyName("lastName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; init; }

    [JsonPropertyName("nickname")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Nickname { get; init; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Image { get; init; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }
}

/// <summary>
/// <c>channel.metadata</c>: <c>customAttributes</c> travel with the conversation (we put tenant, business number and
/// BSUID there). Anything else Genesys sends (e.g. <c>subType</c>) is kept as is.
/// </summary>
public sealed record GenesysChannelMetadata
{
    [JsonPropertyName("customAttributes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? CustomAttributes { get; init; }

    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Other { get; init; }
}

/// <summary>
/// An attachment in either direction. Inbound (to Genesys) <see cref="Url"/> must be fetchable by Genesys, e.g. a
/// presigned URL; outbound it points at <c>api-downloads.&lt;region&gt;</c>.
/// </summary>
public sealed record GenesysAttachment
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("mediaType")]
    public GenesysMediaType MediaType { get; init; }

    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonPropertyName("mime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mime { get; init; }

    [JsonPropertyName("filename")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Filename { get; init; }

    /// <summary>Caption.</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sha256 { get; init; }

    /// <summary>Outbound webhooks only.</summary>
    [JsonPropertyName("contentSizeBytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ContentSizeBytes { get; init; }
}

/// <summary>A failure reason on a receipt.</summary>
public sealed record GenesysReason
{
    [JsonPropertyName("code")]
    public GenesysReasonCode Code { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";
}
