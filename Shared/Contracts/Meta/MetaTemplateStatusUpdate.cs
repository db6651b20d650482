using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// The value of a <c>message_template_status_update</c> webhook change: a template was approved, rejected, paused,
/// disabled… The template id is a number here, while the template list gives it as a string.
/// </summary>
public sealed record MetaTemplateStatusUpdate
{
    public const string Field = "message_template_status_update";

    /// <summary>The new status, see <see cref="MetaTemplateStatus"/>.</summary>
    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("message_template_id")]
    public long MessageTemplateId { get; init; }

    [JsonPropertyName("message_template_name")]
    public required string MessageTemplateName { get; init; }

    [JsonPropertyName("message_template_language")]
    public required string MessageTemplateLanguage { get; init; }

    /// <summary>Why, e.g. "INVALID_FORMAT" for a rejection; "NONE" when there is nothing to say.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("message_template_category")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageTemplateCategory { get; init; }

    /// <summary>Only when the template was disabled.</summary>
    [JsonPropertyName("disable_info")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaTemplateDisableInfo? DisableInfo { get; init; }
}

public sealed record MetaTemplateDisableInfo
{
    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("disable_date")]
    public long DisableDate { get; init; }
}
