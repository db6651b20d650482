using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Meta's webhook wire format (Meta's webhooks reference and payload examples), checked against the pywa fixtures.
// Optional members are null and left out of the JSON, exactly as Meta omits them.

public sealed record WebhookEnvelope(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("entry")] IReadOnlyList<WebhookEntry> Entry);

public sealed record WebhookEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("changes")] IReadOnlyList<WebhookChange> Changes);

public sealed record WebhookChange(
    [property: JsonPropertyName("value")] WebhookValue Value,
    [property: JsonPropertyName("field")] string Field);

public sealed record WebhookValue(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("metadata")] WebhookMetadata Metadata,
    [property: JsonPropertyName("contacts")] IReadOnlyList<WebhookContact>? Contacts = null,
    [property: JsonPropertyName("messages")] IReadOnlyList<WebhookMessage>? Messages = null,
    [property: JsonPropertyName("statuses")] IReadOnlyList<WebhookStatus>? Statuses = null,
    [property: JsonPropertyName("errors")] IReadOnlyList<WebhookError>? Errors = null);

public sealed record WebhookMetadata(
    [property: JsonPropertyName("display_phone_number")] string DisplayPhoneNumber,
    [property: JsonPropertyName("phone_number_id")] string PhoneNumberId);

public sealed record WebhookContact(
    [property: JsonPropertyName("profile")] WebhookProfile? Profile,
    [property: JsonPropertyName("wa_id")] string? WaId,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("parent_user_id")] string? ParentUserId);

public sealed record WebhookProfile(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("username")] string? Username = null);

public sealed record WebhookMessage
{
    [JsonPropertyName("context")] public WebhookContext? Context { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("from_user_id")] public string? FromUserId { get; init; }
    [JsonPropertyName("from_parent_user_id")] public string? FromParentUserId { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("timestamp")] public required string Timestamp { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("text")] public WebhookText? Text { get; init; }
    [JsonPropertyName("image")] public WebhookMedia? Image { get; init; }
    [JsonPropertyName("video")] public WebhookMedia? Video { get; init; }
    [JsonPropertyName("audio")] public WebhookMedia? Audio { get; init; }
    [JsonPropertyName("document")] public WebhookMedia? Document { get; init; }
    [JsonPropertyName("sticker")] public WebhookMedia? Sticker { get; init; }
    [JsonPropertyName("location")] public WebhookLocation? Location { get; init; }
    [JsonPropertyName("contacts")] public JsonElement? Contacts { get; init; }
    [JsonPropertyName("interactive")] public WebhookInteractive? Interactive { get; init; }
    [JsonPropertyName("button")] public WebhookButton? Button { get; init; }
    [JsonPropertyName("reaction")] public WebhookReaction? Reaction { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<WebhookError>? Errors { get; init; }

    // Types we do not model (order, unsupported.type, referral, …) are passed through as given.
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record WebhookContext(
    [property: JsonPropertyName("from")] string? From = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("forwarded")] bool? Forwarded = null,
    [property: JsonPropertyName("frequently_forwarded")] bool? FrequentlyForwarded = null);

public sealed record WebhookText([property: JsonPropertyName("body")] string Body);

public sealed record WebhookMedia
{
    [JsonPropertyName("caption")] public string? Caption { get; init; }
    [JsonPropertyName("filename")] public string? Filename { get; init; }
    [JsonPropertyName("mime_type")] public required string MimeType { get; init; }
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("voice")] public bool? Voice { get; init; }
    [JsonPropertyName("animated")] public bool? Animated { get; init; }
}

public sealed record WebhookLocation(
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("address")] string? Address = null,
    [property: JsonPropertyName("url")] string? Url = null);

public sealed record WebhookInteractive(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("button_reply")] WebhookReply? ButtonReply = null,
    [property: JsonPropertyName("list_reply")] WebhookReply? ListReply = null);

public sealed record WebhookReply(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description = null);

public sealed record WebhookButton(
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("text")] string Text);

// Emoji is omitted when the customer removes their reaction.
public sealed record WebhookReaction(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("emoji")] string? Emoji);

public sealed record WebhookStatus
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("timestamp")] public required string Timestamp { get; init; }
    [JsonPropertyName("recipient_id")] public string? RecipientId { get; init; }
    [JsonPropertyName("recipient_user_id")] public string? RecipientUserId { get; init; }
    [JsonPropertyName("recipient_parent_user_id")] public string? RecipientParentUserId { get; init; }
    [JsonPropertyName("conversation")] public WebhookConversation? Conversation { get; init; }
    [JsonPropertyName("pricing")] public WebhookPricing? Pricing { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<WebhookError>? Errors { get; init; }
}

public sealed record WebhookConversation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("expiration_timestamp")] string? ExpirationTimestamp,
    [property: JsonPropertyName("origin")] WebhookOrigin Origin);

public sealed record WebhookOrigin([property: JsonPropertyName("type")] string Type);

public sealed record WebhookPricing(
    [property: JsonPropertyName("billable")] bool Billable,
    [property: JsonPropertyName("pricing_model")] string PricingModel,
    [property: JsonPropertyName("category")] string Category);

public sealed record WebhookError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("error_data")] WebhookErrorData? ErrorData,
    [property: JsonPropertyName("href")] string? Href = null);

public sealed record WebhookErrorData([property: JsonPropertyName("details")] string Details);
