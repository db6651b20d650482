using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Channels.Rcs;

namespace WhatsAppGenesys.UnitTests.Rcs;

public class RcsMediaTests
{
    [Theory]
    [InlineData(GenesysMediaType.Image, "image/png", "image")]
    [InlineData(GenesysMediaType.Image, "image/gif", "image")]
    [InlineData(GenesysMediaType.Video, "video/webm", "video")]
    [InlineData(GenesysMediaType.Audio, "audio/mpeg", "audio")]
    [InlineData(GenesysMediaType.Audio, "audio/ogg; codecs=opus", "audio")]
    [InlineData(GenesysMediaType.File, "application/pdf", "document")]
    [InlineData(GenesysMediaType.File, "image/jpeg", "image")]
    public void FilesRbmSendsAreStoredInTheirFolderWithTheirType(GenesysMediaType mediaType, string mime, string sendType)
    {
        var (form, rejection) = RcsMedia.Check(mediaType, mime, 1024);

        Assert.Null(rejection);
        Assert.Equal((sendType, mime.Split(';')[0], false), (form!.SendType, form.Mime, form.Voice));
    }

    [Theory]
    [InlineData(GenesysMediaType.Image, "image/webp", 10L, GenesysReasonCode.MediaTypeNotAllowed, "image/webp")]
    [InlineData(GenesysMediaType.File, "application/zip", 10L, GenesysReasonCode.MediaTypeNotAllowed, "PDF documents")]
    [InlineData(GenesysMediaType.Video, "image/png", 10L, GenesysReasonCode.MediaTypeNotAllowed, "image/png")]
    [InlineData(GenesysMediaType.Link, "text/html", 10L, GenesysReasonCode.MediaTypeNotAllowed, "Link")]
    [InlineData(GenesysMediaType.Video, "video/mp4", RcsMedia.MaxBytes + 1, GenesysReasonCode.InvalidMediaContentLength, "at most 100 MB")]
    public void WhatRbmDoesNotSendIsRefusedWithTheReason(GenesysMediaType mediaType, string mime, long size, GenesysReasonCode reason, string explanation)
    {
        var (form, rejection) = RcsMedia.Check(mediaType, mime, size);

        Assert.Null(form);
        Assert.Equal(reason, rejection!.Reason);
        Assert.Contains(explanation, rejection.Message);
    }
}
