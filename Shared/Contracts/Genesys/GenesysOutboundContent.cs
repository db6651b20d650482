using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Genesys;

/// <summary>
/// One content element of an outbound message; the object named by <see cref="ContentType"/> is set. Rich types we
/// do not map (cards, carousels, date pickers…) stay available as raw JSON.
/// </summary>
public sealed record GenesysOutboundContent
{
    [JsonPropertyName("contentType")]
    public GenesysContentType ContentType { get; init; }

    [JsonPropertyName("attachment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysAttachment? Attachment { get; init; }

    [JsonPropertyName("quickReply")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysQuickReply? QuickReply { get; init; }

    /// <summary>A <see cref="GenesysContentType.Notification"/> (WhatsApp template).</summary>
    [JsonPropertyName("template")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysNotificationTemplate? Template { get; init; }

    [JsonPropertyName("buttonResponse")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysButtonResponse? ButtonResponse { get; init; }

    [JsonPropertyName("card")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Card { get; init; }

    [JsonPropertyName("carousel")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Carousel { get; init; }

    [JsonPropertyName("datePicker")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? DatePicker { get; init; }
}

public sealed record GenesysQuickReply
{
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("payload")]
    public string? Payload { get; init; }

    /// <summary>"Message".</summary>
    [JsonPropertyName("action")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Action { get; init; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Image { get; init; }
}

/// <summary>
/// A notification template. For WhatsApp <see cref="Id"/> is "namespace@name"; the header/body/footer texts are
/// informational ("For WhatsApp, ignored") and only the parameters are sent.
/// </summary>
public sealed record GenesysNotificationTemplate
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("language")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    [JsonPropertyName("header")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysTemplateHeader? Header { get; init; }

    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysTemplateBody? Body { get; init; }

    [JsonPropertyName("footer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysTemplateText? Footer { get; init; }
}

public sealed record GenesysTemplateHeader
{
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysTemplateHeaderType? Type { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("media")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GenesysAttachment? Media { get; init; }

    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<GenesysTemplateParameter>? Parameters { get; init; }
}

public sealed record GenesysTemplateBody
{
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("parameters")]
    public IReadOnlyList<GenesysTemplateParameter>? Parameters { get; init; }
}

public sealed record GenesysTemplateText
{
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}

public sealed record GenesysTemplateParameter
{
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("text")]
    public string Text { get; init; } = "";
}
