using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>A delivery status of a message we sent (<c>value.statuses[]</c>); <see cref="Id"/> is our send's wamid.</summary>
public sealed record MetaStatus
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>See <see cref="MetaStatusValues"/>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("timestamp")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long Timestamp { get; init; }

    [JsonPropertyName("recipient_id")]
    public string? RecipientId { get; init; }

    [JsonPropertyName("recipient_user_id")]
    public string? RecipientUserId { get; init; }

    [JsonPropertyName("recipient_parent_user_id")]
    public string? RecipientParentUserId { get; init; }

    /// <summary>"group" for group sends; absent for one-to-one.</summary>
    [JsonPropertyName("recipient_type")]
    public string? RecipientType { get; init; }

    [JsonPropertyName("conversation")]
    public MetaStatusConversation? Conversation { get; init; }

    [JsonPropertyName("pricing")]
    public MetaPricing? Pricing { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<MetaError>? Errors { get; init; }

    /// <summary>Echo of what we put in the send request's <c>biz_opaque_callback_data</c>.</summary>
    [JsonPropertyName("biz_opaque_callback_data")]
    public string? BizOpaqueCallbackData { get; init; }
}

public static class MetaStatusValues
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Played = "played";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
}

public sealed record MetaStatusConversation
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("expiration_timestamp")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long? ExpirationTimestamp { get; init; }

    [JsonPropertyName("origin")]
    public MetaConversationOrigin? Origin { get; init; }
}

public sealed record MetaConversationOrigin
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

public sealed record MetaPricing
{
    [JsonPropertyName("billable")]
    public bool? Billable { get; init; }

    [JsonPropertyName("pricing_model")]
    public string? PricingModel { get; init; }

    [JsonPropertyName("category")]
    public string? Category { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
