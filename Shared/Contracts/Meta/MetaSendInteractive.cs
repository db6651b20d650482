using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// An interactive message: <c>"button"</c> (up to 3 reply buttons, titles ≤ 20) or <c>"list"</c> (up to 10 rows,
/// row titles ≤ 24). Body text is required (≤ 1024), footer ≤ 60.
/// </summary>
public sealed record MetaSendInteractive
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("header")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaInteractiveHeader? Header { get; init; }

    [JsonPropertyName("body")]
    public required MetaInteractiveText Body { get; init; }

    [JsonPropertyName("footer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaInteractiveText? Footer { get; init; }

    [JsonPropertyName("action")]
    public required MetaInteractiveAction Action { get; init; }
}

public sealed record MetaInteractiveHeader
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "text";

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }
}

public sealed record MetaInteractiveText
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

public sealed record MetaInteractiveAction
{
    /// <summary>Reply buttons (type "button").</summary>
    [JsonPropertyName("buttons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaReplyButton>? Buttons { get; init; }

    /// <summary>The label of the button that opens the list (type "list", ≤ 20).</summary>
    [JsonPropertyName("button")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Button { get; init; }

    [JsonPropertyName("sections")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MetaListSection>? Sections { get; init; }
}

public sealed record MetaReplyButton
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "reply";

    [JsonPropertyName("reply")]
    public required MetaReplyButtonContent Reply { get; init; }
}

public sealed record MetaReplyButtonContent
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }
}

public sealed record MetaListSection
{
    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName("rows")]
    public required IReadOnlyList<MetaListRow> Rows { get; init; }
}

public sealed record MetaListRow
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }
}
