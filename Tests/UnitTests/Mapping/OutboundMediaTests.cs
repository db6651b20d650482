using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class OutboundMediaTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(GenesysMediaType.Image, "image/jpeg", "image", "image/jpeg", false)]
    [InlineData(GenesysMediaType.Image, "IMAGE/PNG", "image", "image/png", false)]
    [InlineData(GenesysMediaType.Video, "video/3gpp", "video", "video/3gpp", false)]
    [InlineData(GenesysMediaType.Audio, "audio/mpeg", "audio", "audio/mpeg", false)]
    [InlineData(GenesysMediaType.Audio, "audio/opus", "audio", "audio/ogg; codecs=opus", true)]
    [InlineData(GenesysMediaType.Audio, "audio/ogg", "audio", "audio/ogg; codecs=opus", true)]
    [InlineData(GenesysMediaType.Audio, "audio/ogg;codecs=opus", "audio", "audio/ogg; codecs=opus", true)]
    [InlineData(GenesysMediaType.File, "application/pdf", "document", "application/pdf", false)]
    [InlineData(GenesysMediaType.File, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false)]
    public void AllowedTypesAreSentInTheRightForm(GenesysMediaType mediaType, string mime, string sendType,
        string sentMime, bool voice)
    {
        var (form, rejection) = OutboundMedia.Check(mediaType, mime, 1000);

        Assert.Null(rejection);
        Assert.Equal(new MediaSendForm(sendType, sentMime, voice), form);
    }

    [Theory]
    [InlineData(GenesysMediaType.Image, "image/gif")]
    [InlineData(GenesysMediaType.Image, "image/webp")]
    [InlineData(GenesysMediaType.Video, "video/quicktime")]
    [InlineData(GenesysMediaType.Audio, "audio/wav")]
    [InlineData(GenesysMediaType.File, "application/zip")]
    [InlineData(GenesysMediaType.File, null)]
    [InlineData(GenesysMediaType.Unknown, "image/jpeg")]
    public void OtherTypesAreRejectedAsMediaTypeNotAllowed(GenesysMediaType mediaType, string? mime)
    {
        var (form, rejection) = OutboundMedia.Check(mediaType, mime, 1000);

        Assert.Null(form);
        Assert.Equal(GenesysReasonCode.MediaTypeNotAllowed, rejection!.Reason);
    }

    [Theory]
    [InlineData(GenesysMediaType.Image, "image/jpeg", 5 * MiB)]
    [InlineData(GenesysMediaType.Video, "video/mp4", 16 * MiB)]
    [InlineData(GenesysMediaType.Audio, "audio/aac", 16 * MiB)]
    [InlineData(GenesysMediaType.File, "application/pdf", 100 * MiB)]
    public void SizeLimitsAllowExactlyTheLimitAndRejectOneByteMore(GenesysMediaType mediaType, string mime, long limit)
    {
        Assert.Null(OutboundMedia.Check(mediaType, mime, limit).Rejection);
        var tooLarge = OutboundMedia.Check(mediaType, mime, limit + 1).Rejection!;

        Assert.Equal(GenesysReasonCode.InvalidMediaContentLength, tooLarge.Reason);
    }

    [Fact]
    public void UnknownSizeIsLeftToTheDownloadCheck()
    {
        Assert.Null(OutboundMedia.Check(GenesysMediaType.Image, "image/png", null).Rejection);
    }

    [Fact]
    public void DescribeFindsTheAttachmentOrTheTemplateHeaderMedia()
    {
        Assert.Equal("label.jpg", OutboundMedia.Describe(Fixtures.GenesysOutbound("image"))!.Filename);
        Assert.Equal("c4talog0-0000-4000-8000-000000000001",
            OutboundMedia.Describe(Fixtures.GenesysOutbound("notification-media-header"))!.Id);
        Assert.Null(OutboundMedia.Describe(Fixtures.GenesysOutbound("text")));
        Assert.Null(OutboundMedia.Describe(Fixtures.GenesysOutbound("link")));
    }

    [Fact]
    public void StorageKeyUsesTheServicesOwnFileId()
    {
        var form = new MediaSendForm(MetaSendTypes.Audio, WhatsAppMediaFiles.OggOpus, true);
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var key = OutboundMedia.StorageKey("tenant-berlin", form, DateTimeOffset.Parse("2026-01-01T23:59:59+02:00"), id);

        Assert.Equal("tenant-berlin/audio/2026-01-01/0f8fad5bd9cb469fa16570867728950e.ogg", key);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public void StorageKeyRefusesTenantIdsThatAreNotOneSegment(string tenantId)
    {
        var form = new MediaSendForm(MetaSendTypes.Image, "image/png", false);

        Assert.Throws<ArgumentException>(() => OutboundMedia.StorageKey(tenantId, form, DateTimeOffset.UnixEpoch, Guid.Empty));
    }

    [Theory]
    [InlineData("image/png", "image")]
    [InlineData("IMAGE/JPEG", "image")]
    [InlineData("video/mp4", "video")]
    [InlineData("audio/ogg", "audio")]
    [InlineData("application/pdf", "document")]
    [InlineData("text/plain; charset=utf-8", "document")]
    [InlineData("image/webp", null)]
    [InlineData("application/x-msdownload", null)]
    [InlineData(null, null)]
    public void AFileFromTheComposerGoesAsTheSendTypeItsMimeTypeBelongsTo(string? mime, string? sendType) =>
        Assert.Equal(sendType, WhatsAppMediaFiles.ForMime(mime)?.SendType);
}
