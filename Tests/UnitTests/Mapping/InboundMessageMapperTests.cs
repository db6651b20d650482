using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class InboundMessageMapperTests
{
    private const string QuotedAgentMessage = "Your parcel ships tomorrow.";

    // Every fixture that has an expected Genesys body; the quoted text is what state would know for that case.
    public static TheoryData<string> Cases => new(Fixtures.Names("Expected/Genesys"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachWhatsAppMessageBecomesTheExpectedGenesysBody(string name)
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound(name)).Single();

        var body = InboundMessageMapper.Map(item.Message, ContextFor(item, quotedText: name is "reply" or "reaction" or "reaction-removed"));

        JsonAssert.Equivalent(Fixtures.Read($"Expected/Genesys/{name}.json"), body, GenesysJson.Options);
    }

    [Fact]
    public void ChannelTimeIsTheMetaTimestampInUtcWithMilliseconds()
    {
        var message = new MetaMessage { Id = "wamid.T", From = "1", Type = "text", Timestamp = 1_700_000_000, Text = new MetaText { Body = "x" } };

        var json = System.Text.Json.JsonSerializer.Serialize(InboundMessageMapper.Map(message, Context()), GenesysJson.Options);

        Assert.Contains("\"time\":\"2023-11-14T22:13:20.000Z\"", json);
    }

    [Fact]
    public void PhoneNumberWinsOverBsuidAndBsuidTravelsAsCustomAttribute()
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound("text")).Single();

        var channel = InboundMessageMapper.Map(item.Message, ContextFor(item)).Channel;

        Assert.Equal("+4915112345678", channel.From.Id);
        Assert.Equal(GenesysIdType.Phone, channel.From.IdType);
        Assert.Equal("DE.1122334455667788", channel.Metadata!.CustomAttributes!["bsuid"]);
    }

    [Fact]
    public void SenderWithoutPhoneOrBsuidIsRefused()
    {
        var message = new MetaMessage { Id = "wamid.X", Type = "text", Text = new MetaText { Body = "?" } };

        Assert.Throws<ArgumentException>(() => InboundMessageMapper.Map(message, Context()));
    }

    [Fact]
    public void UsernameIsTheNicknameWhenTheProfileHasNoName()
    {
        var message = new MetaMessage { Id = "wamid.U", FromUserId = "US.1", Type = "text", Text = new MetaText { Body = "hey" } };
        var contact = new MetaContact { UserId = "US.1", Profile = new MetaProfile { Username = "@kfisher" } };

        var from = InboundMessageMapper.Map(message, Context() with { Contact = contact }).Channel.From;

        Assert.Equal("US.1", from.Id);
        Assert.Equal(GenesysIdType.Opaque, from.IdType);
        Assert.Equal("@kfisher", from.Nickname);
        Assert.Null(from.FirstName);
    }

    [Fact]
    public void MediaThatCouldNotBeDownloadedBecomesANoteWithTheCaption()
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound("image")).Single();

        var body = InboundMessageMapper.Map(item.Message, ContextFor(item) with { Media = null });

        Assert.Null(body.Content);
        Assert.Equal("[Image received, but the file could not be retrieved]\nDamaged box", body.Text);
    }

    [Fact]
    public void ReplyWithoutKnownQuotedTextKeepsOnlyTheReferenceInMetadata()
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound("reply")).Single();

        var body = InboundMessageMapper.Map(item.Message, ContextFor(item));

        Assert.Equal("Yes, that one.", body.Text);
        Assert.Equal("wamid.HBgNNDkxNTExMjM0NTY3OBUCABEYEkFHRU5UX0FOU1dFUg==", body.Metadata!["replyToMessageId"]);
    }

    [Fact]
    public void ReactionToAnUnknownMessageSaysSo()
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound("reaction")).Single();

        Assert.Equal("Reacted 👍 to a message", InboundMessageMapper.Map(item.Message, ContextFor(item)).Text);
    }

    [Fact]
    public void EmptyEmojiIsAReactionRemoval()
    {
        var message = new MetaMessage
        {
            Id = "wamid.R", From = "1", Type = "reaction", Reaction = new MetaReaction { MessageId = "wamid.A", Emoji = "" },
        };

        var body = InboundMessageMapper.Map(message, Context());

        Assert.Equal("Removed a reaction", body.Text);
        Assert.False(body.Metadata!.ContainsKey("reactionEmoji"));
    }

    [Fact]
    public void LongQuotedTextIsShortenedToOneLine()
    {
        var item = MetaWebhookReader.Messages(Fixtures.MetaInbound("reply")).Single();
        var longQuote = "Line one\n" + new string('x', 100);

        var text = InboundMessageMapper.Map(item.Message, ContextFor(item) with { QuotedText = longQuote }).Text!;

        Assert.Equal($"> Line one {new string('x', 71)}…\nYes, that one.", text);
    }

    [Fact]
    public void EveryMessageTypeProducesTextOrContentSoGenesysNeverRejectsIt()
    {
        foreach (var name in Fixtures.Names("Meta/Inbound"))
        {
            foreach (var item in MetaWebhookReader.Messages(Fixtures.MetaInbound(name)))
            {
                var withMedia = InboundMessageMapper.Map(item.Message, ContextFor(item));
                var withoutMedia = InboundMessageMapper.Map(item.Message, ContextFor(item) with { Media = null });

                Assert.True(withMedia.Text is { Length: > 0 } || withMedia.Content is { Count: > 0 }, name);
                Assert.False(string.IsNullOrEmpty(withoutMedia.Text), name);
            }
        }
    }

    private static InboundMappingContext Context() => new() { TenantId = "tenant-berlin", PhoneNumberId = "109876543210" };

    private static InboundMappingContext ContextFor(InboundItem item, bool quotedText = false) => Context() with
    {
        PhoneNumberId = item.PhoneNumberId!,
        Contact = item.Contact,
        ChangeErrors = item.Change.Errors,
        QuotedText = quotedText ? QuotedAgentMessage : null,
        Media = InboundMedia.Describe(item.Message) is { } media
            ? new MediaReference($"https://minio.local/presigned/{media.MediaId}", media.Mime!, media.Sha256, null, 2048)
            : null,
    };
}
