using System.Text.Json;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.InboundTransformer.Mapping;
using WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

namespace WhatsAppGenesys.UnitTests.Rcs;

/// <summary>RBM user messages → Genesys Open Messaging inbound bodies, mapped the way WhatsApp's alike are.</summary>
public sealed class RcsInboundMessageMapperTests
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.Parse("2026-12-05T10:00:00.123456Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly RcsMappingContext Context = new("demo", "sandbox_agent", "rcs:+447700900123", SentAt.AddSeconds(5));

    private static RbmUserMessage Read(string json) => JsonSerializer.Deserialize<RbmUserMessage>(json, RbmJson.Options)!;

    private static string Message(string content) =>
        $$"""{"senderPhoneNumber":"+447700900123","messageId":"MxAbC","sendTime":"2026-12-05T10:00:00.123456Z","agentId":"sandbox_agent@rbm.goog",{{content}}}""";

    [Fact]
    public void ATextIsTextFromTheCustomerAsGenesysKnowsThem()
    {
        var body = RcsInboundMessageMapper.Map(Read(Message("\"text\":\"hello\"")), Context);

        Assert.Equal("hello", body.Text);
        Assert.Null(body.Content);
        Assert.Equal(new GenesysRecipient { Id = "rcs:+447700900123", IdType = GenesysIdType.Opaque }, body.Channel.From);
        Assert.Equal("MxAbC", body.Channel.MessageId);
        Assert.Equal(SentAt, body.Channel.Time);
        Assert.Equal("demo", body.Channel.Metadata!.CustomAttributes![InboundMetadataKeys.TenantId]);
        Assert.Equal("sandbox_agent", body.Channel.Metadata.CustomAttributes[InboundMetadataKeys.RcsAgentId]);
        Assert.Equal("text", body.Metadata![InboundMetadataKeys.RcsMessageType]);
    }

    [Fact]
    public void ASuggestionResponseIsItsTextWithThePostbackDataAsAButtonPayload()
    {
        var body = RcsInboundMessageMapper.Map(Read(Message("""
            "suggestionResponse":{"postbackData":"track_parcel","text":"Track it","type":"REPLY"}
            """)), Context);

        Assert.Equal("Track it", body.Text);
        Assert.Equal("track_parcel", body.Metadata![InboundMetadataKeys.ButtonPayload]);
        Assert.Equal("REPLY", body.Metadata[InboundMetadataKeys.SuggestionType]);
        Assert.Equal("suggestionResponse", body.Metadata[InboundMetadataKeys.RcsMessageType]);
    }

    [Fact]
    public void ASuggestionResponseWithoutTextShowsItsPostbackData()
    {
        var body = RcsInboundMessageMapper.Map(Read(Message("""
            "suggestionResponse":{"postbackData":"yes"}
            """)), Context);

        Assert.Equal("yes", body.Text);
    }

    [Fact]
    public void ALocationIsTheSameTextAndMapLinkAsAWhatsAppLocation()
    {
        var body = RcsInboundMessageMapper.Map(Read(Message("""
            "location":{"latitude":51.5007,"longitude":-0.1246}
            """)), Context);

        Assert.Equal(InboundTextFormatter.Location(new() { Latitude = 51.5007, Longitude = -0.1246 }), body.Text);
        Assert.Equal("📍 Location: 51.5007, -0.1246\nhttps://maps.google.com/?q=51.5007,-0.1246", body.Text);
    }

    [Fact]
    public void AStoredFileIsAnAttachmentByOurPresignedLink()
    {
        var message = Read(Message("""
            "userFile":{"payload":{"mimeType":"application/pdf","fileSizeBytes":"1234","fileUri":"https://rbm.example/files/1","fileName":"invoice.pdf"}}
            """));
        var stored = new MediaReference("https://s3.example/media-inbound/x?sig", "application/pdf", "ab12", "invoice.pdf", 1234, "demo/documents/x.pdf");

        var body = RcsInboundMessageMapper.Map(message, Context with { Media = stored });

        var attachment = Assert.Single(body.Content!).Attachment!;
        Assert.Equal(GenesysMediaType.File, attachment.MediaType);
        Assert.Equal(stored.Url, attachment.Url);
        Assert.Equal("application/pdf", attachment.Mime);
        Assert.Equal("invoice.pdf", attachment.Filename);
        Assert.Equal("ab12", attachment.Sha256);
        Assert.Null(body.Text);
    }

    [Fact]
    public void AFileThatCouldNotBeFetchedIsAReadableNote()
    {
        var message = Read(Message("""
            "userFile":{"payload":{"mimeType":"image/jpeg","fileUri":"https://rbm.example/files/2"}}
            """));

        var body = RcsInboundMessageMapper.Map(message, Context);

        Assert.Null(body.Content);
        Assert.Equal("[Image received, but the file could not be retrieved]", body.Text);
    }

    [Theory]
    [InlineData("image/png", "image", GenesysMediaType.Image)]
    [InlineData("video/mp4", "video", GenesysMediaType.Video)]
    [InlineData("audio/ogg", "audio", GenesysMediaType.Audio)]
    [InlineData("application/pdf", "document", GenesysMediaType.File)]
    [InlineData(null, "document", GenesysMediaType.File)]
    public void AFileToCopyIsDescribedByItsMimeType(string? mime, string type, GenesysMediaType mediaType)
    {
        var mimeJson = mime is null ? "" : $"\"mimeType\":\"{mime}\",";
        var file = RcsInboundMessageMapper.Describe(Read(Message(
            "\"userFile\":{\"payload\":{" + mimeJson + "\"fileUri\":\"https://rbm.example/files/3\",\"fileName\":\"f\"}}")))!;

        Assert.Equal((type, mediaType, "https://rbm.example/files/3", "MxAbC"), (file.MetaType, file.MediaType, file.Url, file.MediaId));
    }

    [Fact]
    public void AMessageOfNoKnownKindStillReachesTheAgent()
    {
        var body = RcsInboundMessageMapper.Map(Read("""{"senderPhoneNumber":"+447700900123","messageId":"MxZ"}"""), Context);

        Assert.Equal("[Unsupported RCS message]", body.Text);
        Assert.Equal(Context.ReceivedAt, body.Channel.Time);
    }
}
