using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>
/// What the service knows about a message beyond its JSON: whose business number it came in on, the sender's
/// contact entry, where its media was stored, and the text of a message it quotes or reacts to (from state).
/// </summary>
public sealed record InboundMappingContext
{
    public required string TenantId { get; init; }

    public required string PhoneNumberId { get; init; }

    /// <summary>The <c>contacts[]</c> entry of the sender (see <see cref="MetaWebhookReader"/>).</summary>
    public MetaContact? Contact { get; init; }

    /// <summary>The stored copy of the message's media; null when there is none or the download failed.</summary>
    public MediaReference? Media { get; init; }

    /// <summary>Text of the message replied or reacted to, when we have it.</summary>
    public string? QuotedText { get; init; }

    /// <summary>The campaign the customer was sent in the last 24 hours, when they were: their message answers it.</summary>
    public string? CampaignId { get; init; }

    /// <summary><c>value.errors</c> of the change the message came in (Meta sometimes puts them there).</summary>
    public IReadOnlyList<MetaError>? ChangeErrors { get; init; }
}

/// <summary>A customer's media file after the service copied it to object storage.</summary>
/// <param name="Url">A presigned URL Genesys can fetch without credentials.</param>
/// <param name="ObjectKey">Where the copy is in the media-inbound bucket (the history keeps this, never the expiring URL).</param>
public sealed record MediaReference(string Url, string Mime, string? Sha256, string? Filename, long? Size, string? ObjectKey = null);
