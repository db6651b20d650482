using System.Globalization;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Media;

// What Meta accepts per outbound media type (Meta's "Supported media types"). A mismatch is 131053.
public static class MediaRules
{
    private sealed record Rule(string Label, string[]? MimeTypes, string Accepted, long MaxBytes);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["audio"] = new("Audio", ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
            "audio/ogg; codecs=opus, audio/mpeg, audio/amr, audio/mp4, audio/aac", 16L << 20),
        ["image"] = new("Image", ["image/jpeg", "image/png"], "image/jpeg, image/png", 5L << 20),
        ["video"] = new("Video", ["video/mp4", "video/3gpp"], "video/mp4, video/3gpp", 16L << 20),
        ["sticker"] = new("Sticker", ["image/webp"], "image/webp", 500L << 10),
        ["document"] = new("Document", null, "any", 100L << 20),
    };

    public static bool IsMediaType(string type) => Rules.ContainsKey(type);

    // "audio/ogg; codecs=opus" → "audio/ogg". Note "audio/opus" stays itself and is rejected, as Meta does.
    public static string BaseMimeType(string mimeType) => mimeType.Split(';', 2)[0].Trim().ToLowerInvariant();

    public static MetaError? Check(string type, string mimeType, long size)
    {
        var rule = Rules[type];
        if (rule.MimeTypes is not null && !rule.MimeTypes.Contains(BaseMimeType(mimeType)))
        {
            return MetaErrors.MediaUpload(
                $"Unsupported {rule.Label} mime type {mimeType}. Please use one of {rule.Accepted}.");
        }
        if (size > rule.MaxBytes)
        {
            return MetaErrors.MediaUpload(string.Create(CultureInfo.InvariantCulture,
                $"Media file size too big. Max file size we currently support: {rule.MaxBytes / 1024} KB. Please communicate with your customer to send a smaller file."));
        }
        return null;
    }
}
