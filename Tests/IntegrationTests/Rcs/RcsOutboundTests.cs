using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// Agents' replies to RCS customers end to end: Genesys (simulator) → genesys-webhook → outbound-transformer →
/// rcs-api → the RCS simulator's phone, with the agent's receipts back in Genesys and RBM's message id in the ledger.
/// The conversation is opened from the Genesys side (an agentless text), as an agent writing first opens it.
/// </summary>
public sealed class RcsOutboundTests(AppFixture fixture)
{
    private readonly RcsAgentDesk _rcs = new(fixture);

    [Fact]
    public async Task AnAgentWritingFirstReachesThePhoneOnceAndQuickRepliesArriveAsSuggestedReplies()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewCapableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;

        var (first, conversation) = await _rcs.AgentWritesFirstAsync(customer, "Hello from Support, your order shipped.", ct);

        var text = Assert.Single(await _rcs.WaitForPhoneAsync(msisdn, 1, ct));
        Assert.Equal(("text", "Hello from Support, your order shipped."), (text["kind"]!.GetValue<string>(), text["contentMessage"]!["text"]!.GetValue<string>()));
        // RBM's message id is the ledger row's provider message id: DELIVERED and READ events will find the agent's message by it.
        var row = await _rcs.WaitForLedgerAsync(text["messageId"]!.GetValue<string>(), MessageStatus.Sent, ct);
        Assert.Equal((first, customer), (row.GenesysMessageId, row.CustomerId));

        var asked = await _rcs.Desk.AgentSendsAsync(conversation, new
        {
            text = "Where should we leave it?",
            quickReplies = new[] { new { text = "At the door", payload = "leave-door" }, new { text = "With a neighbour", payload = "leave-neighbour" } },
        });

        var question = (await _rcs.WaitForPhoneAsync(msisdn, 2, ct))[1];
        Assert.Equal("Where should we leave it?", question["contentMessage"]!["text"]!.GetValue<string>());
        var replies = question["contentMessage"]!["suggestions"]!.AsArray().Select(s => (s!["reply"]!["text"]!.GetValue<string>(), s["reply"]!["postbackData"]!.GetValue<string>()));
        Assert.Equal([("At the door", "leave-door"), ("With a neighbour", "leave-neighbour")], replies);
        await _rcs.WaitForLedgerAsync(question["messageId"]!.GetValue<string>(), MessageStatus.Sent, ct);
        Assert.Null((await _rcs.Desk.AgentMessageAsync(customer, asked))?["receipts"]?.AsArray().FirstOrDefault(r => r!["status"]!.GetValue<string>() == "Failed"));
        await AgentDesk.SettleAsync();
        Assert.Equal(2, (await _rcs.PhoneReceivedAsync(msisdn, ct)).Count);
    }

    [Fact]
    public async Task ACardAndACarouselArriveAsRbmRichCardsWithTheirButtons()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewCapableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;
        var (_, conversation) = await _rcs.AgentWritesFirstAsync(customer, "Let me show you our plans.", ct);
        await _rcs.WaitForPhoneAsync(msisdn, 1, ct);

        var card = RcsAgentDesk.WebhookBody(customer, conversation, "Structured", new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject { ["contentType"] = "Card", ["card"] = Card("Basic", "basic") }),
        });
        var carousel = RcsAgentDesk.WebhookBody(customer, conversation, "Structured", new JsonObject
        {
            ["text"] = "Or compare both:",
            ["content"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "Carousel",
                ["carousel"] = new JsonObject { ["cards"] = new JsonArray(Card("Basic", "basic"), Card("Premium", "premium")) },
            }),
        });
        Assert.Equal(200, await _rcs.Desk.PostRawWebhookAsync(card.ToJsonString()));
        Assert.Equal(200, await _rcs.Desk.PostRawWebhookAsync(carousel.ToJsonString()));

        var received = await _rcs.WaitForPhoneAsync(msisdn, 4, ct);
        Assert.Equal(["text", "standaloneCard", "text", "carouselCard"], received.Select(m => m["kind"]!.GetValue<string>()));
        var standalone = received[1]["contentMessage"]!["richCard"]!["standaloneCard"]!["cardContent"]!;
        Assert.Equal("Basic", standalone["title"]!.GetValue<string>());
        Assert.Equal("https://example.com/plans/basic.png", standalone["media"]!["contentInfo"]!["fileUrl"]!.GetValue<string>());
        Assert.Equal("basic", standalone["suggestions"]![0]!["reply"]!["postbackData"]!.GetValue<string>());
        Assert.Equal("https://example.com/plans/basic", standalone["suggestions"]![1]!["action"]!["openUrlAction"]!["url"]!.GetValue<string>());
        Assert.Equal("Or compare both:", received[2]["contentMessage"]!["text"]!.GetValue<string>());
        var cards = received[3]["contentMessage"]!["richCard"]!["carouselCard"]!["cardContents"]!.AsArray();
        Assert.Equal(["Basic", "Premium"], cards.Select(c => c!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ANumberThatIsNotRcsCapableGivesTheAgentAFailedReceiptWithTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewUnreachableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;

        var (id, _) = await _rcs.AgentWritesFirstAsync(customer, "Are you there?", ct);

        var receipt = await _rcs.Desk.WaitForReceiptAsync(customer, id, "Failed");
        Assert.Equal("InvalidDestination", AgentDesk.ReceiptReason(receipt));
        Assert.Contains("not reachable over RCS", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Empty(await _rcs.PhoneReceivedAsync(msisdn, ct));
    }

    [Fact]
    public async Task MoreQuickRepliesThanRcsShowsGiveTheAgentAFailedReceiptAndNothingIsSent()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewCapableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;
        var (_, conversation) = await _rcs.AgentWritesFirstAsync(customer, "A quick survey", ct);
        await _rcs.WaitForPhoneAsync(msisdn, 1, ct);

        var id = await _rcs.Desk.AgentSendsAsync(conversation, new
        {
            text = "Pick a number",
            quickReplies = Enumerable.Range(1, 12).Select(i => new { text = $"{i}", payload = $"n{i}" }).ToArray(),
        });

        var receipt = await _rcs.Desk.WaitForReceiptAsync(customer, id, "Failed");
        Assert.Equal("InvalidMessageStructure", AgentDesk.ReceiptReason(receipt));
        Assert.Contains("at most 11", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.Single(await _rcs.PhoneReceivedAsync(msisdn, ct));
    }

    [Fact]
    public async Task AnAttachmentArrivesAsAFileByAPresignedLinkAndAFileRcsCannotSendIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewCapableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;
        var (_, conversation) = await _rcs.AgentWritesFirstAsync(customer, "Your documents follow.", ct);
        await _rcs.WaitForPhoneAsync(msisdn, 1, ct);
        var pdf = "%PDF-1.4 terms of service"u8.ToArray();

        await _rcs.Desk.AgentSendsAsync(conversation, new
        {
            text = "Our terms",
            attachment = new { base64 = Convert.ToBase64String(pdf), mime = "application/pdf", filename = "terms.pdf" },
        });
        var refused = await _rcs.Desk.AgentSendsAsync(conversation, new
        {
            attachment = new { base64 = Convert.ToBase64String("PK\u0003\u0004"u8.ToArray()), mime = "application/zip", filename = "all.zip" },
        });

        var received = await _rcs.WaitForPhoneAsync(msisdn, 3, ct);
        Assert.Equal(["text", "file", "text"], received.Select(m => m["kind"]!.GetValue<string>()));
        var link = received[1]["contentMessage"]!["contentInfo"]!["fileUrl"]!.GetValue<string>();
        Assert.Matches(@"/media-outbound/demo/documents/\d{4}-\d{2}-\d{2}/[0-9a-f]{32}\.pdf\?", link);
        using (var http = new HttpClient())
        {
            Assert.Equal(pdf, await http.GetByteArrayAsync(link, ct));
        }
        Assert.Equal("Our terms", received[2]["contentMessage"]!["text"]!.GetValue<string>());
        var receipt = await _rcs.Desk.WaitForReceiptAsync(customer, refused, "Failed");
        Assert.Equal("MediaTypeNotAllowed", AgentDesk.ReceiptReason(receipt));
        Assert.Contains("RCS does not send application/zip", receipt["reasons"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARedeliveredGenesysWebhookIsSentOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsAgentDesk.NewCapableNumber();
        var customer = CustomerAddress.Rcs(msisdn).CustomerId;
        var (_, conversation) = await _rcs.AgentWritesFirstAsync(customer, "Hi there", ct);
        await _rcs.WaitForPhoneAsync(msisdn, 1, ct);
        var body = RcsAgentDesk.WebhookBody(customer, conversation, "Text", new JsonObject { ["text"] = "only once, please" }).ToJsonString();

        // Genesys retries a webhook it thinks failed with the identical bytes.
        Assert.Equal(200, await _rcs.Desk.PostRawWebhookAsync(body));
        Assert.Equal(200, await _rcs.Desk.PostRawWebhookAsync(body));

        var received = await _rcs.WaitForPhoneAsync(msisdn, 2, ct);
        Assert.Equal("only once, please", received[1]["contentMessage"]!["text"]!.GetValue<string>());
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal(2, (await _rcs.PhoneReceivedAsync(msisdn, ct)).Count);
    }

    private static JsonObject Card(string title, string payload) => new()
    {
        ["title"] = title,
        ["description"] = $"The {title} plan",
        ["image"] = $"https://example.com/plans/{payload}.png",
        ["actions"] = new JsonArray(
            new JsonObject { ["type"] = "Postback", ["text"] = "Choose", ["payload"] = payload },
            new JsonObject { ["type"] = "Link", ["text"] = "Details", ["url"] = $"https://example.com/plans/{payload}" }),
    };
}
