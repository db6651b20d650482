using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>Reply and forwarding information.</summary>
public sealed record MetaMessageContext
{
    /// <summary>Who sent the quoted message (our business number for replies to agents).</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>The wamid of the quoted message.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("forwarded")]
    public bool? Forwarded { get; init; }

    [JsonPropertyName("frequently_forwarded")]
    public bool? FrequentlyForwarded { get; init; }

    [JsonPropertyName("referred_product")]
    public MetaReferredProduct? ReferredProduct { get; init; }
}

public sealed record MetaReferredProduct
{
    [JsonPropertyName("catalog_id")]
    public string? CatalogId { get; init; }

    [JsonPropertyName("product_retailer_id")]
    public string? ProductRetailerId { get; init; }
}

/// <summary>Click-to-WhatsApp ad or post that started the conversation.</summary>
public sealed record MetaReferral
{
    [JsonPropertyName("source_url")]
    public string? SourceUrl { get; init; }

    [JsonPropertyName("source_id")]
    public string? SourceId { get; init; }

    [JsonPropertyName("source_type")]
    public string? SourceType { get; init; }

    [JsonPropertyName("headline")]
    public string? Headline { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("media_type")]
    public string? MediaType { get; init; }

    [JsonPropertyName("image_url")]
    public string? ImageUrl { get; init; }

    [JsonPropertyName("video_url")]
    public string? VideoUrl { get; init; }

    [JsonPropertyName("thumbnail_url")]
    public string? ThumbnailUrl { get; init; }

    [JsonPropertyName("ctwa_clid")]
    public string? CtwaClid { get; init; }
}
