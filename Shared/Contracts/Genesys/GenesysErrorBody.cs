using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>Genesys's error body on any 4xx/5xx (e.g. <c>code</c> "too.many.requests", "bad.credentials").</summary>
public sealed record GenesysErrorBody
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("entityId")]
    public string? EntityId { get; init; }

    [JsonPropertyName("entityName")]
    public string? EntityName { get; init; }

    [JsonPropertyName("messageWithParams")]
    public string? MessageWithParams { get; init; }

    [JsonPropertyName("messageParams")]
    public IReadOnlyDictionary<string, string>? MessageParams { get; init; }

    [JsonPropertyName("contextId")]
    public string? ContextId { get; init; }

    [JsonPropertyName("details")]
    public IReadOnlyList<GenesysErrorDetail>? Details { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<GenesysErrorBody>? Errors { get; init; }

    [JsonPropertyName("limit")]
    public GenesysLimit? Limit { get; init; }
}

public sealed record GenesysErrorDetail
{
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("fieldName")]
    public string? FieldName { get; init; }

    [JsonPropertyName("entityId")]
    public string? EntityId { get; init; }

    [JsonPropertyName("entityName")]
    public string? EntityName { get; init; }
}

public sealed record GenesysLimit
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("value")]
    public long? Value { get; init; }
}
