using System.Globalization;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.OutboundTransformer.Mapping;

/// <summary>How an attachment goes to WhatsApp once it passed the limits.</summary>
/// <param name="Mime">The MIME type to serve the re-hosted file with (WhatsApp decides on it).</param>
/// <param name="Voice">Send audio as a voice note.</param>
public sealed record MediaSendForm(string SendType, string Mime, bool Voice);

/// <summary>
/// Agent attachments against WhatsApp's limits. The service calls <see cref="Check"/> twice: with the declared
/// MIME/size before downloading (fail fast), and with the real ones before re-hosting; the mapper checks again.
/// </summary>
public static class OutboundMedia
{
    /// <summary>The attachment the service must download and re-host: the message's, or a template header's.</summary>
    public static GenesysAttachment? Describe(GenesysOutboundMessage message) =>
        message.Content?.FirstOrDefault(c => c.Attachment is { MediaType: not GenesysMediaType.Link })?.Attachment
        ?? message.Content?.Select(c => c.Template?.Header?.Media).FirstOrDefault(m => m is not null);

    /// <summary>Either the form to send it in, or the reason Genesys should show for not sending it.</summary>
    public static (MediaSendForm? Form, OutboundPlan.Reject? Rejection) Check(
        GenesysMediaType mediaType, string? mime, long? size)
    {
        var limit = LimitFor(mediaType);
        if (limit is null)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.MediaTypeNotAllowed,
                $"WhatsApp cannot send {mediaType} attachments."));
        }
        var normalized = WhatsAppMediaFiles.Normalize(mime ?? "");
        if (!limit.MimeTypes.Contains(normalized))
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.MediaTypeNotAllowed,
                $"WhatsApp does not accept {Describe(mime)} as {limit.SendType}. Allowed: {string.Join(", ", limit.MimeTypes.Order())}."));
        }
        if (size > limit.MaxBytes)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMediaContentLength,
                $"The {limit.SendType} is {Megabytes(size.Value)}; WhatsApp accepts at most {Megabytes(limit.MaxBytes)}."));
        }
        return (new MediaSendForm(limit.SendType, normalized, normalized == WhatsAppMediaFiles.OggOpus), null);
    }

    /// <summary>Where the re-hosted file goes in the media-outbound bucket (<see cref="WhatsAppMediaFiles.OutboundStorageKey"/>).</summary>
    public static string StorageKey(string tenantId, MediaSendForm form, DateTimeOffset time, Guid fileId) =>
        WhatsAppMediaFiles.OutboundStorageKey(tenantId, form.SendType, form.Mime, time, fileId);

    /// <summary>The most bytes WhatsApp takes for an attachment of this kind (a document's limit for anything else).</summary>
    public static long MaxBytes(GenesysMediaType mediaType) => (LimitFor(mediaType) ?? WhatsAppMediaFiles.Document).MaxBytes;

    private static WhatsAppMediaFiles.Limit? LimitFor(GenesysMediaType mediaType) => mediaType switch
    {
        GenesysMediaType.Image => WhatsAppMediaFiles.Image,
        GenesysMediaType.Video => WhatsAppMediaFiles.Video,
        GenesysMediaType.Audio => WhatsAppMediaFiles.Audio,
        GenesysMediaType.File => WhatsAppMediaFiles.Document,
        _ => null,
    };

    private static string Describe(string? mime) => string.IsNullOrWhiteSpace(mime) ? "a file without a type" : mime;

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
