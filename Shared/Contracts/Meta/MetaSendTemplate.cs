using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>An approved message template: the only thing we may send outside the 24-hour customer-service window.</summary>
public sealed record MetaSendTemplate
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("language")]
    public required MetaTemplateLanguage Language { get; init; }

    [JsonPropertyName("components")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaTemplateComponent>? Components { get; init; }
}

public sealed record MetaTemplateLanguage
{
    /// <summary>e.g. "en_US".</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("policy")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Policy { get; init; }
}

public sealed record MetaTemplateComponent
{
    /// <summary>"header", "body" or "button".</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Buttons only: "quick_reply" or "url".</summary>
    [JsonPropertyName("sub_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubType { get; init; }

    [JsonPropertyName("index")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    [JsonPropertyName("parameters")]
    public IReadOnlyList<MetaTemplateParameter> Parameters { get; init; } = [];
}

public sealed record MetaTemplateParameter
{
    /// <summary>"text", "image", "video", "document", "payload"…</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Only for templates with named placeholders (<c>{{order_id}}</c>).</summary>
    [JsonPropertyName("parameter_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParameterName { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("payload")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Payload { get; init; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Image { get; init; }

    [JsonPropertyName("video")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Video { get; init; }

    [JsonPropertyName("document")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Document { get; init; }
}
