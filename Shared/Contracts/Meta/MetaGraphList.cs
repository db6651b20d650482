using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// A page of a Graph API edge: <c>{"data":[…],"paging":{"cursors":{"before","after"},"next"?,"previous"?}}</c>.
/// Page on by passing <c>after</c> (or <c>before</c>) back as a query parameter; <c>next</c> is absent on the last page.
/// </summary>
public sealed record MetaGraphList<T>
{
    [JsonPropertyName("data")]
    public IReadOnlyList<T> Data { get; init; } = [];

    [JsonPropertyName("paging")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaGraphPaging? Paging { get; init; }
}

public sealed record MetaGraphPaging
{
    [JsonPropertyName("cursors")]
    public required MetaGraphCursors Cursors { get; init; }

    /// <summary>The absolute URL of the next page; absent on the last one.</summary>
    [JsonPropertyName("next")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    [JsonPropertyName("previous")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Previous { get; init; }
}

/// <summary>Opaque cursors: the first and the last item of this page.</summary>
public sealed record MetaGraphCursors
{
    [JsonPropertyName("before")]
    public required string Before { get; init; }

    [JsonPropertyName("after")]
    public required string After { get; init; }
}
