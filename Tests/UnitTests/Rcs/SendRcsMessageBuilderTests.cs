using System.Text.Json;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.RcsApi.Send;

namespace WhatsAppGenesys.UnitTests.Rcs;

public class SendRcsMessageBuilderTests
{
    [Fact]
    public void TextWithASuggestedReplyAndAnOpenUrlActionBecomesRbmsContentMessage()
    {
        var (message, errors) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", "Hi",
            Suggestions: [new RcsSuggestion("Yes"), new RcsSuggestion("Site", "site", "https://example.com")]));

        Assert.Null(errors);
        Assert.Equal("text", message!.Type);
        Assert.Equal(
            """{"text":"Hi","suggestions":[{"reply":{"text":"Yes","postbackData":"Yes"}},{"action":{"text":"Site","postbackData":"site","openUrlAction":{"url":"https://example.com"}}}]}""",
            message.ContentMessage.ToJsonString());
    }

    [Fact]
    public void AFileByUrlBecomesContentInfo()
    {
        var (message, _) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567",
            File: new RcsFile("https://x.example/a.png", "https://x.example/a-thumb.png")));

        Assert.Equal("file", message!.Type);
        Assert.Equal("""{"contentInfo":{"fileUrl":"https://x.example/a.png","thumbnailUrl":"https://x.example/a-thumb.png"}}""",
            message.ContentMessage.ToJsonString());
    }

    [Fact]
    public void ARichCardIsPassedOnAsItIs()
    {
        using var card = JsonDocument.Parse("""{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{"title":"T"}}}""");

        var (message, _) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", RichCard: card.RootElement));

        Assert.Equal("richCard", message!.Type);
        Assert.Equal("""{"richCard":{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{"title":"T"}}}}""",
            message.ContentMessage.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("15551234567")]
    [InlineData("+0551234567")]
    [InlineData("+1555")]
    [InlineData("+1555123456789012")]
    public void TheNumberMustBeE164(string? to)
    {
        var (_, errors) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest(to, "Hi"));

        Assert.Equal(["to"], errors!.Keys);
    }

    [Fact]
    public void ExactlyOneContentIsRequired()
    {
        Assert.Equal(["text"], SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567")).Errors!.Keys);
        Assert.Contains("text", SendRcsMessageBuilder.Build(
            new SendRcsMessageRequest("+15551234567", "a", new RcsFile("https://x.example/a.png"))).Errors!.Keys);
    }

    [Fact]
    public void TextIsCountedInCharactersNotUtf16Units()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", SendRcsMessageBuilder.MaxTextLength));

        Assert.Null(SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", emoji)).Errors);
        Assert.Equal(["text"], SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", emoji + "x")).Errors!.Keys);
    }

    [Fact]
    public void SuggestionLimitsNameTheIndex()
    {
        var (_, errors) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", "Hi",
            Suggestions: [new RcsSuggestion("ok"), new RcsSuggestion(new string('x', 26)), new RcsSuggestion("ok", Url: "javascript:alert(1)")]));

        Assert.Equal(["suggestions[1].text", "suggestions[2].url"], errors!.Keys.Order());
    }

    [Fact]
    public void AtMostElevenSuggestions()
    {
        var (_, errors) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", "Hi",
            Suggestions: [.. Enumerable.Range(0, 12).Select(i => new RcsSuggestion($"s{i}"))]));

        Assert.Equal(["suggestions"], errors!.Keys);
    }

    [Fact]
    public void AFileUrlMustBeHttp()
    {
        var (_, errors) = SendRcsMessageBuilder.Build(new SendRcsMessageRequest("+15551234567", File: new RcsFile("file:///etc/passwd", "nope")));

        Assert.Equal(["file.thumbnailUrl", "file.url"], errors!.Keys.Order());
    }
}
