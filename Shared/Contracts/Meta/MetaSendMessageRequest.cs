using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// Body of <c>POST /{version}/{phone-number-id}/messages</c> for every message type we send. Exactly one type object
/// is set, named by <see cref="Type"/>. Optional fields are never written as null, whatever options the caller uses.
/// </summary>
public sealed record MetaSendMessageRequest
{
    [JsonPropertyName("messaging_product")]
    public string MessagingProduct { get; init; } = "whatsapp";

    [JsonPropertyName("recipient_type")]
    public string RecipientType { get; init; } = "individual";

    /// <summary>The customer's phone number, digits only. Takes precedence over <see cref="Recipient"/>.</summary>
    [JsonPropertyName("to")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? To { get; init; }

    /// <summary>The customer's BSUID, for customers we only know by it.</summary>
    [JsonPropertyName("recipient")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Recipient { get; init; }

    /// <summary>See <see cref="MetaSendTypes"/>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Quote a previous message.</summary>
    [JsonPropertyName("context")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendContext? Context { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendText? Text { get; init; }

    [JsonPropertyName("image")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Image { get; init; }

    [JsonPropertyName("video")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Video { get; init; }

    [JsonPropertyName("audio")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Audio { get; init; }

    [JsonPropertyName("document")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Document { get; init; }

    [JsonPropertyName("sticker")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendMedia? Sticker { get; init; }

    [JsonPropertyName("interactive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendInteractive? Interactive { get; init; }

    [JsonPropertyName("template")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendTemplate? Template { get; init; }

    [JsonPropertyName("reaction")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaSendReaction? Reaction { get; init; }

    /// <summary>Echoed back on every status webhook of this send (max 512 characters).</summary>
    [JsonPropertyName("biz_opaque_callback_data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BizOpaqueCallbackData { get; init; }
}

public static class MetaSendTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Document = "document";
    public const string Sticker = "sticker";
    public const string Interactive = "interactive";
    public const string Template = "template";
    public const string Reaction = "reaction";
}

public sealed record MetaSendContext
{
    [JsonPropertyName("message_id")]
    public required string MessageId { get; init; }
}

public sealed record MetaSendText
{
    /// <summary>At most 4096 characters.</summary>
    [JsonPropertyName("body")]
    public required string Body { get; init; }

    [JsonPropertyName("preview_url")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PreviewUrl { get; init; }
}

/// <summary>Media by <see cref="Link"/> (a URL Meta can fetch) or by uploaded <see cref="Id"/>.</summary>
public sealed record MetaSendMedia
{
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName("link")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Link { get; init; }

    /// <summary>Image, video and document only.</summary>
    [JsonPropertyName("caption")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caption { get; init; }

    /// <summary>Document only.</summary>
    [JsonPropertyName("filename")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Filename { get; init; }

    /// <summary>Audio only: show as a voice note (needs <c>audio/ogg; codecs=opus</c>).</summary>
    [JsonPropertyName("voice")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Voice { get; init; }
}

public sealed record MetaSendReaction
{
    [JsonPropertyName("message_id")]
    public required string MessageId { get; init; }

    /// <summary>An empty string removes our reaction.</summary>
    [JsonPropertyName("emoji")]
    public required string Emoji { get; init; }
}

/// <summary>
/// Mark an inbound message read and, optionally, show "typing…" to the customer for up to 25 s. Same endpoint as
/// sends; the answer is <see cref="MetaSuccessResponse"/>.
/// </summary>
public sealed record MetaMarkAsReadRequest
{
    [JsonPropertyName("messaging_product")]
    public string MessagingProduct { get; init; } = "whatsapp";

    [JsonPropertyName("status")]
    public string Status { get; init; } = "read";

    [JsonPropertyName("message_id")]
    public required string MessageId { get; init; }

    [JsonPropertyName("typing_indicator")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetaTypingIndicator? TypingIndicator { get; init; }
}

public sealed record MetaTypingIndicator
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "text";
}
