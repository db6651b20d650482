using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// A component of a template definition (HEADER, BODY, FOOTER or BUTTONS), as created and listed through the
/// WhatsApp Business Management API. Not to be confused with <see cref="MetaTemplateComponent"/>, which carries
/// the parameter values of one send.
/// </summary>
public sealed record MetaTemplateDefinitionComponent
{
    /// <summary>See <see cref="MetaTemplateComponentType"/>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Headers only: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION.</summary>
    [JsonPropertyName("format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Format { get; init; }

    /// <summary>HEADER (TEXT), BODY and FOOTER text; BODY and a text HEADER may hold placeholders.</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>Sample values for the placeholders; Meta requires them when the text has any.</summary>
    [JsonPropertyName("example")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaTemplateExample? Example { get; init; }

    /// <summary>BUTTONS only.</summary>
    [JsonPropertyName("buttons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaTemplateButton>? Buttons { get; init; }
}

/// <summary>
/// Sample values. Positional placeholders use <c>header_text</c> and <c>body_text</c> (one row of values per
/// example); named placeholders use the <c>*_named_params</c> lists; media headers use <c>header_handle</c>.
/// </summary>
public sealed record MetaTemplateExample
{
    [JsonPropertyName("header_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HeaderText { get; init; }

    [JsonPropertyName("header_text_named_params")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaTemplateNamedExample>? HeaderTextNamedParams { get; init; }

    [JsonPropertyName("header_handle")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HeaderHandle { get; init; }

    [JsonPropertyName("body_text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<IReadOnlyList<string>>? BodyText { get; init; }

    [JsonPropertyName("body_text_named_params")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaTemplateNamedExample>? BodyTextNamedParams { get; init; }
}

public sealed record MetaTemplateNamedExample
{
    [JsonPropertyName("param_name")]
    public required string ParamName { get; init; }

    [JsonPropertyName("example")]
    public required string Example { get; init; }
}

/// <summary>One template button: QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW…</summary>
public sealed record MetaTemplateButton
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>URL buttons; may end in one {{1}} placeholder, then <see cref="Example"/> is required.</summary>
    [JsonPropertyName("url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonPropertyName("phone_number")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("example")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Example { get; init; }
}
