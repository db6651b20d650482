using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class InboundMediaTests
{
    private static readonly DateTimeOffset MessageTime = DateTimeOffset.FromUnixTimeSeconds(1767268923);

    [Theory]
    [InlineData("image", "1480375936530931", "image", GenesysMediaType.Image, "image/jpeg")]
    [InlineData("video", "902318845512347", "video", GenesysMediaType.Video, "video/mp4")]
    [InlineData("voice", "775120934412099", "audio", GenesysMediaType.Audio, "audio/ogg; codecs=opus")]
    [InlineData("document", "3318427760091245", "document", GenesysMediaType.File, "application/pdf")]
    [InlineData("sticker", "601298457712934", "sticker", GenesysMediaType.Image, "image/webp")]
    public void MediaMessagesDescribeWhatToDownload(string fixture, string mediaId, string metaType,
        GenesysMediaType mediaType, string mime)
    {
        var message = MetaWebhookReader.Messages(Fixtures.MetaInbound(fixture)).Single().Message;

        var download = InboundMedia.Describe(message)!;

        Assert.Equal(mediaId, download.MediaId);
        Assert.Equal(metaType, download.MetaType);
        Assert.Equal(mediaType, download.MediaType);
        Assert.Equal(mime, download.Mime);
        Assert.False(string.IsNullOrEmpty(download.Sha256));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("location-named")]
    [InlineData("reaction")]
    [InlineData("unsupported")]
    public void MessagesWithoutMediaNeedNoDownload(string fixture)
    {
        var message = MetaWebhookReader.Messages(Fixtures.MetaInbound(fixture)).Single().Message;

        Assert.Null(InboundMedia.Describe(message));
    }

    [Fact]
    public void WebhookDownloadUrlIsPassedOnWhenPresent()
    {
        var message = MetaWebhookReader.Messages(Fixtures.MetaInbound("image-with-url")).Single().Message;

        Assert.StartsWith("https://lookaside.fbsbx.com/", InboundMedia.Describe(message)!.Url);
    }

    [Theory]
    [InlineData("image/jpeg", null, "jpg")]
    [InlineData("image/png", null, "png")]
    [InlineData("IMAGE/WEBP", null, "webp")]
    [InlineData("video/mp4", null, "mp4")]
    [InlineData("audio/ogg; codecs=opus", null, "ogg")]
    [InlineData("audio/mpeg", null, "mp3")]
    [InlineData("application/pdf", "x.docx", "pdf")]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null, "xlsx")]
    [InlineData("application/x-unknown", "report.ODS", "ods")]
    [InlineData("application/x-unknown", "../../evil.sh/..", "bin")]
    [InlineData(null, null, "bin")]
    public void FileExtensionComesFromTheMimeTypeThenTheFileName(string? mime, string? filename, string expected)
    {
        Assert.Equal(expected, WhatsAppMediaFiles.ExtensionFor(mime, filename));
    }

    [Theory]
    [InlineData("image", "image/jpeg", "tenant-berlin/images/2026-01-01/wamid.HBgNNDkx.jpg")]
    [InlineData("video", "video/mp4", "tenant-berlin/videos/2026-01-01/wamid.HBgNNDkx.mp4")]
    [InlineData("audio", "audio/ogg; codecs=opus", "tenant-berlin/audio/2026-01-01/wamid.HBgNNDkx.ogg")]
    [InlineData("document", "application/pdf", "tenant-berlin/documents/2026-01-01/wamid.HBgNNDkx.pdf")]
    [InlineData("sticker", "image/webp", "tenant-berlin/stickers/2026-01-01/wamid.HBgNNDkx.webp")]
    public void StorageKeyIsTenantFolderDateAndMessageId(string metaType, string mime, string expected)
    {
        var media = new MediaDownload("1", metaType, InboundMedia.GenesysMediaTypeOf(metaType), mime, null, null, null);

        Assert.Equal(expected, InboundMedia.StorageKey("tenant-berlin", media, MessageTime, "wamid.HBgNNDkx"));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("wamid/../../other-tenant/x")]
    [InlineData("a\\..\\b")]
    [InlineData(".hidden")]
    public void StorageKeyCannotLeaveItsFolder(string hostileId)
    {
        var media = new MediaDownload("1", "image", GenesysMediaType.Image, "image/jpeg", null, null, null);

        var key = InboundMedia.StorageKey("tenant-berlin", media, MessageTime, hostileId);
        var segments = key.Split('/');

        Assert.Equal(4, segments.Length);
        Assert.Equal(["tenant-berlin", "images", "2026-01-01"], segments[..3]);
        Assert.DoesNotContain("..", segments[3]);
        Assert.False(segments[3].StartsWith('.'));
        Assert.DoesNotContain('\\', segments[3]);
    }

    [Fact]
    public void DistinctWamidsGiveDistinctKeys()
    {
        // Base64 wamids differ only in '+', '/' and '_' sometimes; escaping must not merge them.
        var ids = new[] { "wamid.a+b=", "wamid.a/b=", "wamid.a_b=", "wamid.a_2Bb=" };

        var segments = ids.Select(InboundMedia.SafeSegment).ToList();

        Assert.Equal(ids.Length, segments.Distinct().Count());
        Assert.Equal("wamid.a_2Bb=", segments[0]);
    }

    [Fact]
    public void BrokenUnicodeInAnIdIsEscapedNotThrown()
    {
        Assert.Equal("a_EF_BF_BDb_F0_9F_98_80", InboundMedia.SafeSegment("a\ud800b😀"));
    }

    [Fact]
    public void OverlongIdsBecomeAFixedLengthHash()
    {
        var segment = InboundMedia.SafeSegment(new string('w', 500));

        Assert.Equal(64, segment.Length);
        Assert.True(segment.All(char.IsAsciiHexDigitLower));
    }
}
