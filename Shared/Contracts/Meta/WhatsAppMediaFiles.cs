namespace WhatsAppGenesys.Contracts.Meta;

/// <summary>
/// What WhatsApp accepts per send type (Meta's "Supported media types"), and file extensions for
/// the MIME types both directions meet. One table so both transformers and the sandbox agree.
/// </summary>
public static class WhatsAppMediaFiles
{
    private const long MiB = 1024 * 1024;

    /// <summary>WhatsApp only takes OGG audio with the Opus codec, and wants it labelled exactly so.</summary>
    public const string OggOpus = "audio/ogg; codecs=opus";

    public sealed record Limit(string SendType, IReadOnlySet<string> MimeTypes, long MaxBytes);

    public static Limit Image { get; } = new(MetaSendTypes.Image, Set("image/jpeg", "image/png"), 5 * MiB);

    public static Limit Video { get; } = new(MetaSendTypes.Video, Set("video/mp4", "video/3gpp"), 16 * MiB);

    public static Limit Audio { get; } = new(MetaSendTypes.Audio,
        Set("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", OggOpus), 16 * MiB);

    public static Limit Document { get; } = new(MetaSendTypes.Document, Set(
        "text/plain", "application/pdf", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"), 100 * MiB);

    /// <summary>Static stickers; animated ones may be up to 500 KB.</summary>
    public static Limit Sticker { get; } = new(MetaSendTypes.Sticker, Set("image/webp"), 100 * 1024);

    /// <summary>
    /// The MIME type as WhatsApp wants to see it: lower case, parameters dropped, and any Opus-in-Ogg spelling
    /// (<c>audio/opus</c>, <c>audio/ogg</c>, <c>audio/ogg;codecs=opus</c>) as <see cref="OggOpus"/>, since Meta
    /// rejects <c>audio/opus</c> with 131053.
    /// </summary>
    public static string Normalize(string mime)
    {
        var type = mime.Split(';')[0].Trim().ToLowerInvariant();
        return type is "audio/opus" or "audio/ogg" ? OggOpus : type;
    }

    /// <summary>
    /// The send type a file of this MIME type goes as (a picture as an image, a PDF as a document…), or null when
    /// WhatsApp takes it as none of them. Stickers are left out: a WebP someone attaches is a picture to them.
    /// </summary>
    public static Limit? ForMime(string? mime)
    {
        var type = Normalize(mime ?? "");
        return new[] { Image, Video, Audio, Document }.FirstOrDefault(limit => limit.MimeTypes.Contains(type));
    }

    /// <summary>
    /// <c>{tenantId}/{folder}/{yyyy-MM-dd}/{fileId}.{ext}</c> in the media-outbound bucket. The caller picks the id (a
    /// new GUID), so a hostile file name never reaches the key.
    /// </summary>
    public static string OutboundStorageKey(string tenantId, string sendType, string mime, DateTimeOffset time, Guid fileId)
    {
        if (tenantId.Length == 0 || tenantId.Trim('.').Length == 0 || tenantId.Contains('/') || tenantId.Contains('\\'))
        {
            throw new ArgumentException("Not a usable tenant id for a storage key.", nameof(tenantId));
        }
        return string.Join('/', tenantId, sendType == MetaSendTypes.Audio ? "audio" : sendType + "s",
            time.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            $"{fileId:N}.{ExtensionFor(mime)}");
    }

    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "jpg", ["image/png"] = "png", ["image/webp"] = "webp", ["image/gif"] = "gif",
        ["video/mp4"] = "mp4", ["video/3gpp"] = "3gp", ["video/quicktime"] = "mov",
        ["audio/aac"] = "aac", ["audio/amr"] = "amr", ["audio/mpeg"] = "mp3", ["audio/mp4"] = "m4a",
        ["audio/ogg"] = "ogg", ["audio/opus"] = "opus",
        ["application/pdf"] = "pdf", ["text/plain"] = "txt", ["text/csv"] = "csv", ["application/zip"] = "zip",
        ["application/msword"] = "doc",
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = "docx",
        ["application/vnd.ms-excel"] = "xls",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = "xlsx",
        ["application/vnd.ms-powerpoint"] = "ppt",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = "pptx",
    };

    /// <summary>
    /// From the MIME type (parameters like <c>; codecs=opus</c> ignored); else a plain extension of the file name;
    /// else "bin".
    /// </summary>
    public static string ExtensionFor(string? mime, string? filename = null)
    {
        var type = mime?.Split(';')[0].Trim() ?? "";
        if (Extensions.TryGetValue(type, out var extension))
        {
            return extension;
        }
        var fromName = Path.GetExtension(filename ?? "").TrimStart('.').ToLowerInvariant();
        return fromName.Length is > 0 and <= 8 && fromName.All(char.IsAsciiLetterOrDigit) ? fromName : "bin";
    }

    private static HashSet<string> Set(params string[] types) => new(types, StringComparer.OrdinalIgnoreCase);
}
