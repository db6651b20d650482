using System.Globalization;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

/// <summary>
/// The files RBM sends by URL, as RCS aggregators document them (CM.com's and 8x8's RBM media pages agree): JPEG, PNG
/// and GIF images; H.263, M4V, MP4, MPEG and WebM video; AAC, MP3, MP4, 3GPP and Ogg audio; PDF documents; at most
/// 100 MiB each. Checked before the agent's file is re-hosted, so the agent learns at once what RCS cannot carry.
/// </summary>
public static class RcsMedia
{
    public const long MaxBytes = 100L * 1024 * 1024;

    private static readonly HashSet<string> Images = ["image/jpeg", "image/png", "image/gif"];
    private static readonly HashSet<string> Videos = ["video/h263", "video/m4v", "video/mp4", "video/mpeg4", "video/mpeg", "video/webm"];
    private static readonly HashSet<string> Audio =
        ["audio/aac", "audio/mp3", "audio/mpeg", "audio/mpg", "audio/mp4", "audio/mp4-latm", "audio/3gpp", "audio/ogg", "application/ogg"];
    private const string Pdf = "application/pdf";

    public static MediaRules Rules { get; } = new("RCS", Check, _ => MaxBytes);

    public static (MediaSendForm? Form, OutboundPlan.Reject? Rejection) Check(GenesysMediaType mediaType, string? mime, long? size)
    {
        var type = (mime ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var sendType = SendTypeOf(type);
        var fits = mediaType switch
        {
            GenesysMediaType.Image => Images.Contains(type),
            GenesysMediaType.Video => Videos.Contains(type),
            GenesysMediaType.Audio => Audio.Contains(type),
            GenesysMediaType.File => sendType is not null,
            _ => false,
        };
        if (mediaType is not (GenesysMediaType.Image or GenesysMediaType.Video or GenesysMediaType.Audio or GenesysMediaType.File))
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.MediaTypeNotAllowed, $"RCS cannot send {mediaType} attachments."));
        }
        if (!fits || sendType is null)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.MediaTypeNotAllowed,
                $"RCS does not send {(type.Length == 0 ? "a file without a type" : type)} files. It sends JPEG, PNG and GIF images, " +
                "H.263, M4V, MP4, MPEG and WebM videos, AAC, MP3, MP4, 3GPP and Ogg audio, and PDF documents."));
        }
        if (size > MaxBytes)
        {
            return (null, new OutboundPlan.Reject(GenesysReasonCode.InvalidMediaContentLength,
                $"The file is {(size.Value / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture)} MB; RCS sends at most 100 MB."));
        }
        return (new MediaSendForm(sendType, type, Voice: false), null);
    }

    // The storage folder (images, videos, audio, documents), as for WhatsApp's files.
    private static string? SendTypeOf(string type) =>
        Images.Contains(type) ? MetaSendTypes.Image
        : Videos.Contains(type) ? MetaSendTypes.Video
        : Audio.Contains(type) ? MetaSendTypes.Audio
        : type == Pdf ? MetaSendTypes.Document
        : null;
}
