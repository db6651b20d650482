using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>Body of <c>POST /{version}/{waba-id}/message_templates</c>.</summary>
public sealed record MetaCreateTemplateRequest
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("language")]
    public required string Language { get; init; }

    /// <summary>See <see cref="MetaTemplateCategory"/>.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>"POSITIONAL" (the default) or "NAMED".</summary>
    [JsonPropertyName("parameter_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParameterFormat { get; init; }

    [JsonPropertyName("components")]
    public IReadOnlyList<MetaTemplateDefinitionComponent> Components { get; init; } = [];
}

/// <summary>The answer to a create: the template waits for review until a status webhook says otherwise.</summary>
public sealed record MetaCreateTemplateResponse
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("category")]
    public required string Category { get; init; }
}
