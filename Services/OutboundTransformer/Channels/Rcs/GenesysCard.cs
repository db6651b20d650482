using System.Text.Json.Serialization;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>
/// Genesys Open Messaging's <c>card</c> content (and each of a <c>carousel</c>'s <c>cards</c>): a title, a description,
/// an image or video URL, and buttons (<c>actions</c>, each a <c>Link</c> with a URL or a <c>Postback</c> with a payload).
/// The shared contract keeps cards as raw JSON, because only RCS can show them.
/// </summary>
public sealed record GenesysCard
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("image")]
    public string? Image { get; init; }

    [JsonPropertyName("video")]
    public string? Video { get; init; }

    [JsonPropertyName("defaultAction")]
    public GenesysCardAction? DefaultAction { get; init; }

    [JsonPropertyName("actions")]
    public IReadOnlyList<GenesysCardAction>? Actions { get; init; }
}

public sealed record GenesysCardAction
{
    /// <summary>"Link" (open <see cref="Url"/>) or "Postback" (the customer's tap sends <see cref="Payload"/> back).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("payload")]
    public string? Payload { get; init; }
}

/// <summary>Genesys Open Messaging's <c>carousel</c> content.</summary>
public sealed record GenesysCarousel
{
    [JsonPropertyName("cards")]
    public IReadOnlyList<GenesysCard>? Cards { get; init; }
}
