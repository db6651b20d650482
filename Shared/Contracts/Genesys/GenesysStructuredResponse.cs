using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// Body of <c>…/inbound/open/structured/response</c>: the customer picked a quick reply or button. Only needed when a
/// bot flow wants the payload; plain button answers go as text with the id in metadata.
/// </summary>
public sealed record GenesysStructuredResponse
{
    [JsonPropertyName("channel")]
    public required GenesysInboundChannel Channel { get; init; }

    [JsonPropertyName("type")]
    public GenesysMessageType Type { get; init; } = GenesysMessageType.Structured;

    [JsonPropertyName("direction")]
    public GenesysDirection Direction { get; init; } = GenesysDirection.Inbound;

    [JsonPropertyName("content")]
    public required IReadOnlyList<GenesysButtonResponseContent> Content { get; init; }

    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record GenesysButtonResponseContent
{
    [JsonPropertyName("contentType")]
    public GenesysContentType ContentType { get; init; } = GenesysContentType.ButtonResponse;

    [JsonPropertyName("buttonResponse")]
    public required GenesysButtonResponse ButtonResponse { get; init; }
}

public sealed record GenesysButtonResponse
{
    [JsonPropertyName("type")]
    public GenesysButtonResponseType Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("payload")]
    public string? Payload { get; init; }

    [JsonPropertyName("originatingMessageId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginatingMessageId { get; init; }
}
