using System.Text.Json;

namespace WhatsAppGenesys.MetaSandbox.Control;

// What a test asks a simulated customer to send (camelCase control API, not Meta's wire format).
// type: text, image, video, audio, voice, document, sticker, location, contacts, button_reply, list_reply,
// button (template quick reply), reaction, unsupported, or any other Meta type with its object in "payload".
public sealed record CustomerMessageRequest
{
    public string Type { get; init; } = "text";
    public string? Text { get; init; }
    public MediaPayload? Media { get; init; }
    public LocationPayload? Location { get; init; }
    public JsonElement? Contacts { get; init; }
    public ReplyPayload? ButtonReply { get; init; }
    public ReplyPayload? ListReply { get; init; }
    public ButtonPayload? Button { get; init; }
    public ReactionPayload? Reaction { get; init; }
    public string? UnsupportedType { get; init; }
    public JsonElement? Payload { get; init; }

    public string? ContextMessageId { get; init; }
    public bool Forwarded { get; init; }
    public bool FrequentlyForwarded { get; init; }

    public string? ProfileName { get; init; }
    public string? Username { get; init; }
    public string? UserId { get; init; }
    public string? ParentUserId { get; init; }

    // A username user: the webhook carries user_id/from_user_id but no wa_id/from.
    public bool BsuidOnly { get; init; }

    public string? PhoneNumberId { get; init; }

    // Unix seconds; an old value makes a message that closed the 24 h window long ago.
    public long? Timestamp { get; init; }

    // Re-send an existing wamid to test the receiver's de-duplication.
    public string? Wamid { get; init; }

    // Only used by the batch endpoint, where the customer is not in the path.
    public string? WaId { get; init; }
}

public sealed record MediaPayload(string? Base64, string? MimeType, string? Filename, string? Caption, bool? Animated);

public sealed record LocationPayload(double Latitude, double Longitude, string? Name, string? Address, string? Url);

public sealed record ReplyPayload(string Id, string Title, string? Description);

public sealed record ButtonPayload(string Payload, string Text);

// Emoji null or absent = the customer removed their reaction.
public sealed record ReactionPayload(string MessageId, string? Emoji);

public sealed record StatusRequest(string Wamid, string Status, int? ErrorCode);

public sealed record BatchRequest(string? PhoneNumberId, string? Layout, IReadOnlyList<CustomerMessageRequest>? Messages,
    IReadOnlyList<StatusRequest>? Statuses);

public sealed record RawWebhookRequest(string Body, string? PhoneNumberId, string? AppSecret, string? Signature,
    bool OmitSignature, string? WebhookUrl);

public sealed record VerifyRequest(string? PhoneNumberId, string? VerifyToken, string? Challenge, string? WebhookUrl);

public sealed record UnreachableRequest(PolicyErrorDelivery? Delivery);

public sealed record BusinessRequest(string? WabaId, IReadOnlyList<string>? PhoneNumberIds, string? DisplayPhoneNumber,
    string? AccessToken, string? AppSecret, string? VerifyToken, string? WebhookUrl);

public sealed record SettingsPatch(int? MessagesPerSecond, bool? EnforceCustomerServiceWindow, PolicyErrorDelivery? PolicyErrorDelivery,
    int? SentDelayMs, int? DeliveredDelayMs, int? ReadDelayMs, string? FinalStatus, bool? FetchMediaLinks);
