using System.Text.Json;
using System.Text.Json.Serialization;

namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// One inbound customer message (<c>value.messages[]</c>). Exactly one of the type objects is set, named by
/// <see cref="Type"/>; a type we do not model still parses, and its payload stays reachable through <see cref="Raw"/>.
/// </summary>
public sealed record MetaMessage
{
    /// <summary>The customer's phone number (no "+"); absent for username-only users.</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>The customer's business-scoped user id (BSUID), e.g. "US.13491208655302741918".</summary>
    [JsonPropertyName("from_user_id")]
    public string? FromUserId { get; init; }

    [JsonPropertyName("from_parent_user_id")]
    public string? FromParentUserId { get; init; }

    /// <summary>The wamid: Meta's id of this message and our dedupe key.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>Unix seconds; Meta sends it as a string, some producers as a number.</summary>
    [JsonPropertyName("timestamp")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long Timestamp { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("text")]
    public MetaText? Text { get; init; }

    [JsonPropertyName("image")]
    public MetaMedia? Image { get; init; }

    [JsonPropertyName("video")]
    public MetaMedia? Video { get; init; }

    [JsonPropertyName("audio")]
    public MetaMedia? Audio { get; init; }

    [JsonPropertyName("document")]
    public MetaMedia? Document { get; init; }

    [JsonPropertyName("sticker")]
    public MetaMedia? Sticker { get; init; }

    [JsonPropertyName("location")]
    public MetaLocation? Location { get; init; }

    [JsonPropertyName("contacts")]
    public IReadOnlyList<MetaSharedContact>? Contacts { get; init; }

    [JsonPropertyName("interactive")]
    public MetaInteractiveReply? Interactive { get; init; }

    /// <summary>A template quick-reply button press (<c>type: "button"</c>).</summary>
    [JsonPropertyName("button")]
    public MetaButtonReply? Button { get; init; }

    [JsonPropertyName("reaction")]
    public MetaReaction? Reaction { get; init; }

    [JsonPropertyName("order")]
    public MetaOrder? Order { get; init; }

    [JsonPropertyName("unsupported")]
    public MetaUnsupported? Unsupported { get; init; }

    /// <summary>A notice from WhatsApp itself, e.g. the customer changed their number.</summary>
    [JsonPropertyName("system")]
    public MetaSystemNotice? System { get; init; }

    [JsonPropertyName("context")]
    public MetaMessageContext? Context { get; init; }

    [JsonPropertyName("referral")]
    public MetaReferral? Referral { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<MetaError>? Errors { get; init; }

    /// <summary>The message exactly as received; filled when parsed inside <see cref="MetaChangeValue.Messages"/>.</summary>
    [JsonIgnore]
    public JsonElement Raw { get; init; }

    /// <summary>The media object of a media message, whichever type it is.</summary>
    [JsonIgnore]
    public MetaMedia? Media => Type switch
    {
        MetaMessageTypes.Image => Image,
        MetaMessageTypes.Video => Video,
        MetaMessageTypes.Audio => Audio,
        MetaMessageTypes.Document => Document,
        MetaMessageTypes.Sticker => Sticker,
        _ => null,
    };
}

/// <summary>The <c>type</c> values Meta documents for inbound messages.</summary>
public static class MetaMessageTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Document = "document";
    public const string Sticker = "sticker";
    public const string Location = "location";
    public const string Contacts = "contacts";
    public const string Interactive = "interactive";
    public const string Button = "button";
    public const string Reaction = "reaction";
    public const string Order = "order";
    public const string Unsupported = "unsupported";
    public const string System = "system";
}

public sealed record MetaText
{
    [JsonPropertyName("body")]
    public string Body { get; init; } = "";
}

/// <summary>Inbound media: an id to download (valid 7 days), its MIME type and hash.</summary>
public sealed record MetaMedia
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("mime_type")]
    public string? MimeType { get; init; }

    /// <summary>Base64 SHA-256 of the file.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    [JsonPropertyName("caption")]
    public string? Caption { get; init; }

    [JsonPropertyName("filename")]
    public string? Filename { get; init; }

    /// <summary>Audio only: true for a voice note recorded in WhatsApp.</summary>
    [JsonPropertyName("voice")]
    public bool? Voice { get; init; }

    /// <summary>Sticker only.</summary>
    [JsonPropertyName("animated")]
    public bool? Animated { get; init; }

    /// <summary>Newer webhooks include a download URL; it still needs the bearer token.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
