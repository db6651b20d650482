using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

public sealed record MetaLocation
{
    [JsonPropertyName("latitude")]
    public double Latitude { get; init; }

    [JsonPropertyName("longitude")]
    public double Longitude { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("address")]
    public string? Address { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }
}

/// <summary>A reply to an interactive message we sent: a button, a list row or a WhatsApp Flow form.</summary>
public sealed record MetaInteractiveReply
{
    /// <summary>"button_reply", "list_reply" or "nfm_reply".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("button_reply")]
    public MetaReplyOption? ButtonReply { get; init; }

    [JsonPropertyName("list_reply")]
    public MetaReplyOption? ListReply { get; init; }

    [JsonPropertyName("nfm_reply")]
    public MetaFlowReply? NfmReply { get; init; }
}

public sealed record MetaReplyOption
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

/// <summary>A submitted WhatsApp Flow: <c>response_json</c> is a JSON document encoded as a string.</summary>
public sealed record MetaFlowReply
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("response_json")]
    public string? ResponseJson { get; init; }
}

public sealed record MetaButtonReply
{
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("payload")]
    public string? Payload { get; init; }
}

public sealed record MetaReaction
{
    /// <summary>The wamid of the message reacted to.</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    /// <summary>Omitted (or empty) when the customer removes the reaction.</summary>
    [JsonPropertyName("emoji")]
    public string? Emoji { get; init; }
}

/// <summary>A cart sent from a catalog.</summary>
public sealed record MetaOrder
{
    [JsonPropertyName("catalog_id")]
    public string? CatalogId { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("product_items")]
    public IReadOnlyList<MetaOrderItem>? ProductItems { get; init; }
}

public sealed record MetaOrderItem
{
    [JsonPropertyName("product_retailer_id")]
    public string? ProductRetailerId { get; init; }

    [JsonPropertyName("quantity")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int Quantity { get; init; }

    [JsonPropertyName("item_price")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal ItemPrice { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }
}

public sealed record MetaUnsupported
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record MetaSystemNotice
{
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>e.g. "user_changed_number".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The customer's new phone number after a number change.</summary>
    [JsonPropertyName("new_wa_id")]
    public string? NewWaId { get; init; }
}
