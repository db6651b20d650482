namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>
/// What the service knows beyond the Genesys payload: the clock, the customer's last inbound message (for the
/// 24-hour window and typing indicators), and the re-hosted copy of the message's attachment.
/// </summary>
public sealed record OutboundMappingContext
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>When the customer last wrote to us; null when never (or unknown).</summary>
    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    /// <summary>The wamid of the customer's last message: typing indicators hang off it.</summary>
    public string? LastCustomerMessageId { get; init; }

    /// <summary>The attachment (or template header media) after the service copied it somewhere Meta can fetch.</summary>
    public HostedMedia? Media { get; init; }

    /// <summary>Used when a template arrives without a language.</summary>
    public string DefaultTemplateLanguage { get; init; } = "en_US";
}

/// <summary>A file the service re-hosted for Meta to fetch.</summary>
/// <param name="Link">A URL Meta can GET without credentials (e.g. presigned).</param>
/// <param name="Mime">The MIME type it is served with (see <see cref="OutboundMedia.Check"/>).</param>
/// <param name="Size">Its actual size in bytes.</param>
/// <param name="ObjectKey">Where it is in the media-outbound bucket (the history keeps this, never the expiring link).</param>
public sealed record HostedMedia(string Link, string Mime, long Size, string? ObjectKey = null);
