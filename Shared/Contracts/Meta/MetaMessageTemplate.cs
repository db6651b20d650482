using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// One message template as <c>GET /{version}/{waba-id}/message_templates</c> lists it. A template is identified by
/// name and language together: the same name exists once per language, each with its own id and status.
/// </summary>
public sealed record MetaMessageTemplate
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Lower-case letters, digits and underscores only.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>e.g. "en_US".</summary>
    [JsonPropertyName("language")]
    public required string Language { get; init; }

    /// <summary>See <see cref="MetaTemplateStatus"/>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>See <see cref="MetaTemplateCategory"/>.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>"POSITIONAL" ({{1}}) or "NAMED" ({{order_id}}).</summary>
    [JsonPropertyName("parameter_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParameterFormat { get; init; }

    [JsonPropertyName("components")]
    public IReadOnlyList<MetaTemplateDefinitionComponent> Components { get; init; } = [];

    /// <summary>Only on rejected templates, e.g. "INVALID_FORMAT"; "NONE" otherwise when Meta sends it.</summary>
    [JsonPropertyName("rejected_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RejectedReason { get; init; }
}
