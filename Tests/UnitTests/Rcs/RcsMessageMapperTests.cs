using System.Text.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.OutboundTransformer.Channels.Rcs;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Rcs;

/// <summary>Genesys Open Messaging outbound messages → the RCS messages rcs-api sends (RBM's content), and what RCS refuses.</summary>
public class RcsMessageMapperTests
{
    private const string Msisdn = "+14155550100";

    [Fact]
    public void TextBecomesOneRcsText()
    {
        var messages = Sent(Message("Text", "Hello from Support"));

        var message = Assert.Single(messages);
        Assert.Equal(new SendRcsMessageRequest(Msisdn, "Hello from Support"), message);
    }

    [Fact]
    public void TextOverRbmsLimitIsSplitAtWhitespaceIntoPiecesItAccepts()
    {
        var text = string.Join(' ', Enumerable.Repeat("abcdefghi", 700));

        var messages = Sent(Message("Text", text));

        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.InRange(m.Text!.Length, 1, RbmLimits.TextLength));
        Assert.Equal(text, string.Join(' ', messages.Select(m => m.Text)));
    }

    [Fact]
    public void QuickRepliesBecomeSuggestedRepliesWhosePostbackIsThePayload()
    {
        var messages = Sent(Message("Structured", "Where should we leave it?",
            QuickReply("At the door", "leave-door"), QuickReply("With the neighbour across the street", "leave-neighbour"), QuickReply("Later", null)));

        var message = Assert.Single(messages);
        Assert.Equal("Where should we leave it?", message.Text);
        Assert.Equal(
            [new RcsSuggestion("At the door", "leave-door"), new RcsSuggestion("With the neighbour acros…", "leave-neighbour"), new RcsSuggestion("Later", "Later")],
            message.Suggestions!);
        Assert.All(message.Suggestions!, s => Assert.InRange(s.Text!.Length, 1, RbmLimits.SuggestionTextLength));
    }

    [Fact]
    public void QuickRepliesWithoutTextGetAQuestionAndGoOnTheLastPieceOfALongText()
    {
        Assert.Equal(RcsMessageMapper.DefaultQuestion, Assert.Single(Sent(Message("Structured", null, QuickReply("Yes", "y")))).Text);

        var messages = Sent(Message("Structured", new string('x', RbmLimits.TextLength + 10), QuickReply("Yes", "y")));
        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].Suggestions);
        Assert.Equal("y", Assert.Single(messages[1].Suggestions!).PostbackData);
    }

    [Fact]
    public void ACardBecomesAStandaloneRichCardWithItsButtonsAsSuggestions()
    {
        var messages = Sent(Message("Structured", "Our plan", Card(CardJson("Basic", actions: 2))));

        Assert.Equal(2, messages.Count);
        Assert.Equal("Our plan", messages[0].Text);
        Assert.Equal(
            """{"standaloneCard":{"cardOrientation":"VERTICAL","cardContent":{"title":"Basic","description":"The Basic plan","media":{"height":"MEDIUM","contentInfo":{"fileUrl":"https://example.com/basic.png"}},"suggestions":[{"reply":{"text":"Choose 1","postbackData":"choose-1"}},{"action":{"text":"Details","postbackData":"Details","openUrlAction":{"url":"https://example.com/basic"}}}]}}}""",
            messages[1].RichCard!.Value.GetRawText());
    }

    [Fact]
    public void ACarouselBecomesAnRbmCarouselAndOneCardAStandaloneCard()
    {
        var carousel = Sent(Message("Structured", null, Carousel(CardJson("Basic"), CardJson("Premium"), CardJson("Gold"))));
        var cards = JsonNode.Parse(Assert.Single(carousel).RichCard!.Value.GetRawText())!["carouselCard"]!;
        Assert.Equal("MEDIUM", cards["cardWidth"]!.GetValue<string>());
        Assert.Equal(["Basic", "Premium", "Gold"], cards["cardContents"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));

        var single = Sent(Message("Structured", null, Carousel(CardJson("Basic"))));
        Assert.NotNull(JsonNode.Parse(Assert.Single(single).RichCard!.Value.GetRawText())!["standaloneCard"]);
    }

    [Fact]
    public void ACardsTapTargetIsOfferedAsOneMoreButton()
    {
        var card = CardJson("Basic", actions: 0);
        card["defaultAction"] = new JsonObject { ["type"] = "Link", ["url"] = "https://example.com/tap" };

        var sent = JsonNode.Parse(Assert.Single(Sent(Message("Structured", null, Card(card)))).RichCard!.Value.GetRawText())!;

        var suggestion = Assert.Single(sent["standaloneCard"]!["cardContent"]!["suggestions"]!.AsArray())!;
        Assert.Equal(("Basic", "https://example.com/tap"),
            (suggestion["action"]!["text"]!.GetValue<string>(), suggestion["action"]!["openUrlAction"]!["url"]!.GetValue<string>()));
    }

    [Fact]
    public void AnAttachmentGoesAsAFileByItsRehostedLinkWithTheCaptionAfterIt()
    {
        var hosted = new HostedMedia("https://s3.example.com/media-outbound/demo/images/x.png?X-Amz-Signature=abc", "image/png", 10, "demo/images/x.png");
        var message = Message("Text", "Your invoice", new GenesysOutboundContent
        {
            ContentType = GenesysContentType.Attachment,
            Attachment = new GenesysAttachment { MediaType = GenesysMediaType.Image, Url = "https://api.mypurecloud.com/downloads/x", Mime = "image/png" },
        });

        var messages = Map(message, hosted).Messages!;

        Assert.Equal([new SendRcsMessageRequest(Msisdn, File: new RcsFile(hosted.Link)), new SendRcsMessageRequest(Msisdn, "Your invoice")], messages);
        Assert.Equal(GenesysReasonCode.GeneralError, Map(message, null).Rejection!.Reason);
    }

    public static TheoryData<string, GenesysReasonCode, string> Refusals => new()
    {
        { "quick-replies-12", GenesysReasonCode.InvalidMessageStructure, "at most 11 quick replies" },
        { "payload-too-long", GenesysReasonCode.InvalidMessageStructure, "2048" },
        { "carousel-11", GenesysReasonCode.InvalidMessageStructure, "2 to 10 cards" },
        { "card-5-buttons", GenesysReasonCode.InvalidMessageStructure, "at most 4" },
        { "card-long-title", GenesysReasonCode.InvalidMessageStructure, "title is longer than RCS's 200" },
        { "card-long-description", GenesysReasonCode.InvalidMessageStructure, "2000" },
        { "card-empty", GenesysReasonCode.InvalidMessageStructure, "empty card" },
        { "card-ftp-image", GenesysReasonCode.InvalidMessageStructure, "http(s)" },
        { "template", GenesysReasonCode.UnsupportedMessage, "templates have no RCS equivalent" },
        { "date-picker", GenesysReasonCode.UnsupportedMessage, "DatePicker" },
        { "card-and-carousel", GenesysReasonCode.InvalidMessageStructure, "one card, carousel or attachment" },
        { "empty", GenesysReasonCode.InvalidMessageStructure, "empty" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void WhatRcsCannotShowIsRefusedWithTheReasonNeverCutShort(string name, GenesysReasonCode reason, string explanation)
    {
        var message = name switch
        {
            "quick-replies-12" => Message("Structured", "Pick", [.. Enumerable.Range(1, 12).Select(i => QuickReply($"{i}", $"n{i}"))]),
            "payload-too-long" => Message("Structured", "Pick", QuickReply("Yes", new string('p', RbmLimits.PostbackDataLength + 1))),
            "carousel-11" => Message("Structured", null, Carousel([.. Enumerable.Range(1, 11).Select(i => CardJson($"Card {i}"))])),
            "card-5-buttons" => Message("Structured", null, Card(CardJson("Basic", actions: 5))),
            "card-long-title" => Message("Structured", null, Card(CardJson(new string('t', RbmLimits.CardTitleLength + 1)))),
            "card-long-description" => Message("Structured", null, Card(CardJson("Basic", description: new string('d', RbmLimits.CardDescriptionLength + 1)))),
            "card-empty" => Message("Structured", null, Card(new JsonObject())),
            "card-ftp-image" => Message("Structured", null, Card(CardJson("Basic", image: "ftp://example.com/x.png"))),
            "template" => Message("Structured", "Hi", new GenesysOutboundContent
            {
                ContentType = GenesysContentType.Notification, Template = new GenesysNotificationTemplate { Id = "ns@welcome" },
            }),
            "date-picker" => Message("Structured", "When?", new GenesysOutboundContent
            {
                ContentType = GenesysContentType.DatePicker, DatePicker = JsonSerializer.SerializeToElement(new { title = "When?" }),
            }),
            "card-and-carousel" => Message("Structured", null, Card(CardJson("Basic")), Carousel(CardJson("Basic"), CardJson("Premium"))),
            _ => Message("Text", "  "),
        };

        var (messages, rejection) = Map(message, null);

        Assert.Null(messages);
        Assert.Equal(reason, rejection!.Reason);
        Assert.Contains(explanation, rejection.Message);
        Assert.StartsWith("Not sent over RCS: ", rejection.Message);
    }

    private static List<SendRcsMessageRequest> Sent(GenesysOutboundMessage message)
    {
        var (messages, rejection) = Map(message, null);
        Assert.Null(rejection);
        return [.. messages!];
    }

    private static (IReadOnlyList<SendRcsMessageRequest>? Messages, OutboundPlan.Reject? Rejection) Map(GenesysOutboundMessage message, HostedMedia? media) =>
        RcsMessageMapper.Map(message, Msisdn, media);

    private static GenesysOutboundMessage Message(string type, string? text, params GenesysOutboundContent[] content) => new()
    {
        Id = "m1",
        Type = Enum.Parse<GenesysMessageType>(type),
        Text = text,
        Content = content.Length == 0 ? null : content,
        Channel = new GenesysOutboundChannel { To = new GenesysRecipient { Id = "rcs:" + Msisdn } },
    };

    private static GenesysOutboundContent QuickReply(string text, string? payload) =>
        new() { ContentType = GenesysContentType.QuickReply, QuickReply = new GenesysQuickReply { Text = text, Payload = payload, Action = "Message" } };

    private static GenesysOutboundContent Card(JsonObject card) =>
        new() { ContentType = GenesysContentType.Card, Card = JsonSerializer.SerializeToElement(card) };

    private static GenesysOutboundContent Carousel(params JsonObject[] cards) =>
        new() { ContentType = GenesysContentType.Carousel, Carousel = JsonSerializer.SerializeToElement(new JsonObject { ["cards"] = new JsonArray(cards) }) };

    private static JsonObject CardJson(string title, int actions = 1, string? description = null, string? image = null)
    {
        var slug = title.ToLowerInvariant();
        var buttons = new JsonArray();
        for (var i = 1; i <= actions; i++)
        {
            buttons.Add(i == 2
                ? new JsonObject { ["type"] = "Link", ["text"] = "Details", ["url"] = $"https://example.com/{slug}" }
                : new JsonObject { ["type"] = "Postback", ["text"] = $"Choose {i}", ["payload"] = $"choose-{i}" });
        }
        return new JsonObject
        {
            ["title"] = title,
            ["description"] = description ?? $"The {title} plan",
            ["image"] = image ?? $"https://example.com/{slug}.png",
            ["actions"] = buttons,
        };
    }
}
