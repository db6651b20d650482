using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;

namespace WhatsAppGenesys.InboundTransformer.Mapping;

/// <summary>What the service must download from Meta before the message can be mapped.</summary>
/// <param name="MetaType">The message type: image, video, audio, document or sticker.</param>
/// <param name="Url">The download URL when the webhook already carries one (still needs the bearer token).</param>
public sealed record MediaDownload(
    string MediaId, string MetaType, GenesysMediaType MediaType, string? Mime, string? Sha256, string? Filename,
    string? Url);

/// <summary>Inbound media: which messages carry a file, and where the copy of that file is stored.</summary>
public static class InboundMedia
{
    /// <summary>The file to fetch for this message, or null when it has none.</summary>
    public static MediaDownload? Describe(MetaMessage message) =>
        message.Media is { Id: { Length: > 0 } id } media
            ? new MediaDownload(id, message.Type, GenesysMediaTypeOf(message.Type), media.MimeType, media.Sha256,
                media.Filename, media.Url)
            : null;

    /// <summary>Stickers are WebP images; voice notes are audio.</summary>
    public static GenesysMediaType GenesysMediaTypeOf(string metaType) => metaType switch
    {
        MetaMessageTypes.Image or MetaMessageTypes.Sticker => GenesysMediaType.Image,
        MetaMessageTypes.Video => GenesysMediaType.Video,
        MetaMessageTypes.Audio => GenesysMediaType.Audio,
        _ => GenesysMediaType.File,
    };

    /// <summary>
    /// <c>{tenantId}/{folder}/{yyyy-MM-dd}/{messageId}.{ext}</c> in the media-inbound bucket. The date is the
    /// message's own (UTC), so a redelivered webhook lands on the same key. Every segment is made key-safe.
    /// </summary>
    public static string StorageKey(string tenantId, MediaDownload media, DateTimeOffset messageTime, string messageId) =>
        string.Join('/',
            SafeSegment(tenantId),
            FolderOf(media.MetaType),
            messageTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            $"{SafeSegment(messageId)}.{WhatsAppMediaFiles.ExtensionFor(media.Mime, media.Filename)}");

    private static string FolderOf(string metaType) => metaType switch
    {
        MetaMessageTypes.Image => "images",
        MetaMessageTypes.Video => "videos",
        MetaMessageTypes.Audio => "audio",
        MetaMessageTypes.Sticker => "stickers",
        _ => "documents",
    };

    /// <summary>
    /// One key segment that cannot climb out of its folder: letters, digits, '-' and '=' stay, a '.' stays only
    /// between two letters or digits, anything else becomes <c>_XX</c> (its UTF-8 bytes in hex; '_' too, so distinct
    /// ids never collide). Over-long ids become their SHA-256.
    /// </summary>
    public static string SafeSegment(string value)
    {
        var safe = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '=' || (c == '.' && IsInnerDot(value, i)))
            {
                safe.Append(c);
                continue;
            }
            var rune = Rune.TryGetRuneAt(value, i, out var r) ? r : Rune.ReplacementChar;
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
            {
                safe.Append('_').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return safe.Length is > 0 and <= 200
            ? safe.ToString()
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }

    private static bool IsInnerDot(string value, int i) =>
        i > 0 && i < value.Length - 1 && char.IsAsciiLetterOrDigit(value[i - 1]) && char.IsAsciiLetterOrDigit(value[i + 1]);
}
