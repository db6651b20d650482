using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// A WhatsApp Business Account webhook for a field other than <c>messages</c> (for example
/// <see cref="MetaTemplateStatusUpdate.Field"/>): the same envelope, with one value type per field. Entries carry the
/// WABA id and the unix time the event fired.
/// </summary>
public sealed record MetaAccountWebhook<TValue>
{
    [JsonPropertyName("object")]
    public string Object { get; init; } = "whatsapp_business_account";

    [JsonPropertyName("entry")]
    public IReadOnlyList<MetaAccountWebhookEntry<TValue>> Entry { get; init; } = [];
}

public sealed record MetaAccountWebhookEntry<TValue>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("changes")]
    public IReadOnlyList<MetaAccountWebhookChange<TValue>> Changes { get; init; } = [];
}

public sealed record MetaAccountWebhookChange<TValue>
{
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    [JsonPropertyName("value")]
    public required TValue Value { get; init; }
}
