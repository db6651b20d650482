using System.Text.Json;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class OutboundMessageMapperTests
{
    private static readonly DateTimeOffset LastCustomerMessage = DateTimeOffset.Parse("2026-01-01T12:02:03Z");
    private const string LastCustomerWamid = "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjBBMUQ5";

    public static TheoryData<string> SendCases => new(Fixtures.Names("Expected/WhatsApp"));

    [Theory]
    [MemberData(nameof(SendCases))]
    public void EachGenesysPayloadBecomesTheExpectedWhatsAppRequests(string name)
    {
        var plan = OutboundMessageMapper.Map(Fixtures.GenesysOutbound(name), ContextFor(Fixtures.GenesysOutbound(name)));

        object actual = plan switch
        {
            OutboundPlan.Send send => send.Messages,
            OutboundPlan.MarkAsRead read => read.Request,
            _ => throw new Xunit.Sdk.XunitException($"Expected a request, got {plan}"),
        };
        JsonAssert.Equivalent(Fixtures.Read($"Expected/WhatsApp/{name}.json"), actual, MetaJson.Options);
    }

    [Theory]
    [InlineData("file-zip", GenesysReasonCode.MediaTypeNotAllowed, "application/zip")]
    [InlineData("image-webp", GenesysReasonCode.MediaTypeNotAllowed, "image/webp")]
    [InlineData("image-too-large", GenesysReasonCode.InvalidMediaContentLength, "6 MB")]
    [InlineData("quick-replies-11", GenesysReasonCode.InvalidMessageStructure, "at most 10 options")]
    [InlineData("notification-count-mismatch", GenesysReasonCode.InvalidMessageStructure, "3 placeholders but 2 parameters")]
    [InlineData("carousel", GenesysReasonCode.UnsupportedMessage, "Carousel")]
    [InlineData("future-content", GenesysReasonCode.UnsupportedMessage, "Unknown")]
    [InlineData("text-to-email", GenesysReasonCode.InvalidDestination, "not a WhatsApp")]
    public void PayloadsWhatsAppCannotTakeAreRejectedWithTheGenesysReason(string name, GenesysReasonCode reason,
        string explanation)
    {
        var message = Fixtures.GenesysOutbound(name);

        var reject = Assert.IsType<OutboundPlan.Reject>(OutboundMessageMapper.Map(message, ContextFor(message)));

        Assert.Equal(reason, reject.Reason);
        Assert.Contains(explanation, reject.Message);
    }

    [Fact]
    public void ReceiptsAreIgnored()
    {
        var message = Fixtures.GenesysOutbound("receipt");

        Assert.IsType<OutboundPlan.Ignore>(OutboundMessageMapper.Map(message, ContextFor(message)));
    }

    [Fact]
    public void TypingWithoutAnyCustomerMessageSendsNothing()
    {
        var message = Fixtures.GenesysOutbound("typing");

        var plan = OutboundMessageMapper.Map(message, ContextFor(message) with { LastCustomerMessageId = null });

        Assert.IsType<OutboundPlan.Ignore>(plan);
    }

    [Theory]
    [InlineData(23 * 60 + 59, true)]
    [InlineData(24 * 60 + 1, false)]
    public void FreeFormTextNeedsTheCustomerToHaveWrittenWithin24Hours(int minutesSinceCustomer, bool sent)
    {
        var message = Fixtures.GenesysOutbound("text");
        var context = ContextFor(message) with { Now = LastCustomerMessage.AddMinutes(minutesSinceCustomer) };

        var plan = OutboundMessageMapper.Map(message, context);

        if (sent)
        {
            Assert.IsType<OutboundPlan.Send>(plan);
            return;
        }
        var reject = Assert.IsType<OutboundPlan.Reject>(plan);
        Assert.Equal(GenesysReasonCode.MessageExpired, reject.Reason);
        Assert.Contains("template", reject.Message);
        Assert.Contains("24 hours ago", reject.Message);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("quick-replies-3")]
    [InlineData("typing")]
    public void TheWindowAppliesToMediaAndQuickRepliesButNotToTyping(string name)
    {
        var message = Fixtures.GenesysOutbound(name);
        var context = ContextFor(message) with { Now = LastCustomerMessage.AddDays(3) };

        var plan = OutboundMessageMapper.Map(message, context);

        Assert.Equal(name == "typing", plan is OutboundPlan.MarkAsRead);
        Assert.Equal(name != "typing", plan is OutboundPlan.Reject { Reason: GenesysReasonCode.MessageExpired });
    }

    [Fact]
    public void TemplatesMayBeSentOutsideTheWindowAndToCustomersWhoNeverWrote()
    {
        var message = Fixtures.GenesysOutbound("notification");

        var plan = OutboundMessageMapper.Map(message, ContextFor(message) with { LastCustomerMessageAt = null });

        Assert.Equal("template", Assert.Single(Assert.IsType<OutboundPlan.Send>(plan).Messages).Type);
    }

    [Fact]
    public void CustomerWhoNeverWroteCannotGetFreeFormText()
    {
        var message = Fixtures.GenesysOutbound("text");

        var reject = Assert.IsType<OutboundPlan.Reject>(
            OutboundMessageMapper.Map(message, ContextFor(message) with { LastCustomerMessageAt = null }));

        Assert.Equal(GenesysReasonCode.MessageExpired, reject.Reason);
        Assert.Contains("has not written", reject.Message);
    }

    [Fact]
    public void LongTextIsSentAsSeveralMessagesCutAtSpaces()
    {
        // 9,689 characters: three messages.
        var words = Enumerable.Range(0, 1200).Select(i => $"word{i}").ToList();
        var message = Fixtures.GenesysOutbound("text") with { Text = string.Join(' ', words) };

        var send = Assert.IsType<OutboundPlan.Send>(OutboundMessageMapper.Map(message, ContextFor(message)));

        var bodies = send.Messages.Select(m => m.Text!.Body).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.InRange(b.Length, 1, 4096));
        Assert.Equal(words, bodies.SelectMany(b => b.Split(' ')));
        Assert.All(send.Messages, m => Assert.Equal("e5a1c0ffee5a1c0ffee5a1c0ffee0001", m.BizOpaqueCallbackData));
    }

    [Fact]
    public void AttachmentThatCouldNotBeRehostedFails()
    {
        var message = Fixtures.GenesysOutbound("image");

        var reject = Assert.IsType<OutboundPlan.Reject>(
            OutboundMessageMapper.Map(message, ContextFor(message) with { Media = null }));

        Assert.Equal(GenesysReasonCode.GeneralError, reject.Reason);
    }

    [Fact]
    public void TheDownloadedFileDecidesNotTheDeclaredType()
    {
        // Genesys said image/jpeg and 48 kB; what we actually got was a 7 MB PNG.
        var message = Fixtures.GenesysOutbound("image");
        var hosted = new HostedMedia("https://minio.local/x", "image/png", 7 * 1024 * 1024);

        var reject = Assert.IsType<OutboundPlan.Reject>(
            OutboundMessageMapper.Map(message, ContextFor(message) with { Media = hosted }));

        Assert.Equal(GenesysReasonCode.InvalidMediaContentLength, reject.Reason);
    }

    [Fact]
    public void CaptionTooLongForMediaFollowsAsText()
    {
        var caption = new string('c', 1025);
        var message = Fixtures.GenesysOutbound("image") with { Text = caption };

        var send = Assert.IsType<OutboundPlan.Send>(OutboundMessageMapper.Map(message, ContextFor(message)));

        Assert.Equal(["image", "text"], send.Messages.Select(m => m.Type));
        Assert.Null(send.Messages[0].Image!.Caption);
        Assert.Equal(caption, send.Messages[1].Text!.Body);
    }

    [Fact]
    public void QuestionTooLongForButtonsGoesFirstAsText()
    {
        var question = string.Join(' ', Enumerable.Repeat("please", 200));
        var message = Fixtures.GenesysOutbound("quick-replies-3") with { Text = question };

        var send = Assert.IsType<OutboundPlan.Send>(OutboundMessageMapper.Map(message, ContextFor(message)));

        Assert.Equal(["text", "interactive"], send.Messages.Select(m => m.Type));
        Assert.Equal(question, send.Messages[0].Text!.Body);
        Assert.Equal(QuickReplyMapper.DefaultBody, send.Messages[1].Interactive!.Body.Text);
    }

    [Fact]
    public void QuickRepliesWithoutQuestionGetADefaultBody()
    {
        var message = Fixtures.GenesysOutbound("quick-replies-3") with { Text = null };

        var send = Assert.IsType<OutboundPlan.Send>(OutboundMessageMapper.Map(message, ContextFor(message)));

        Assert.Equal(QuickReplyMapper.DefaultBody, Assert.Single(send.Messages).Interactive!.Body.Text);
    }

    [Fact]
    public void EmptyMessageIsRejectedNotSentBlank()
    {
        var message = Fixtures.GenesysOutbound("text") with { Text = "  " };

        var reject = Assert.IsType<OutboundPlan.Reject>(OutboundMessageMapper.Map(message, ContextFor(message)));

        Assert.Equal(GenesysReasonCode.InvalidMessageStructure, reject.Reason);
    }

    [Fact]
    public void TemplateWithHeaderMediaThatWasNotRehostedFails()
    {
        var message = Fixtures.GenesysOutbound("notification-media-header");

        var reject = Assert.IsType<OutboundPlan.Reject>(
            OutboundMessageMapper.Map(message, ContextFor(message) with { Media = null }));

        Assert.Equal(GenesysReasonCode.GeneralError, reject.Reason);
    }

    [Fact]
    public void HostileTextIsSentVerbatim()
    {
        const string hostile = "<script>alert(1)</script> '; DROP TABLE x; -- ../../etc/passwd";
        var message = Fixtures.GenesysOutbound("text") with { Text = hostile };

        var send = Assert.IsType<OutboundPlan.Send>(OutboundMessageMapper.Map(message, ContextFor(message)));

        var json = JsonSerializer.Serialize(send.Messages[0], MetaJson.Options);
        Assert.Equal(hostile, JsonDocument.Parse(json).RootElement.GetProperty("text").GetProperty("body").GetString());
    }

    private static OutboundMappingContext ContextFor(GenesysOutboundMessage message) => new()
    {
        Now = DateTimeOffset.Parse("2026-01-01T13:00:00Z"),
        LastCustomerMessageAt = LastCustomerMessage,
        LastCustomerMessageId = LastCustomerWamid,
        Media = OutboundMedia.Describe(message) is { } attachment
            ? new HostedMedia($"https://minio.local/media-outbound/{attachment.Id}", attachment.Mime ?? "",
                attachment.ContentSizeBytes ?? 1000)
            : null,
    };
}
