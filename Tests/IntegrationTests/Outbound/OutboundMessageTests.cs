using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>
/// The outbound flow end to end: the agent answers in Genesys (sandbox), the customer gets the right WhatsApp
/// request (Meta sandbox), and the agent's message collects a Delivered receipt.
/// </summary>
public class OutboundMessageTests(AppFixture fixture)
{
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task AgentTextReachesTheCustomerAndIsReportedDelivered()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        var id = await _desk.AgentSendsAsync(conversation, new { text = "Hi! Our help pages: https://example.com/help" });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var body = sent["body"]!;
        Assert.Equal("text", AgentDesk.Type(sent));
        Assert.Equal(customer, body["to"]!.GetValue<string>());
        Assert.Equal("Hi! Our help pages: https://example.com/help", body["text"]!["body"]!.GetValue<string>());
        Assert.True(body["text"]!["preview_url"]!.GetValue<bool>());
        Assert.Equal(id, body["biz_opaque_callback_data"]!.GetValue<string>());
        var receipt = await _desk.WaitForReceiptAsync(customer, id, "Delivered");
        Assert.True(receipt["toMatchesCustomer"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AgentAnsweringMarksTheCustomersLastMessageRead()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        Assert.False((await _desk.CustomerAsync(customer))["inbound"]![0]!["readByBusiness"]!.GetValue<bool>());

        await _desk.AgentSendsAsync(conversation, new { text = "Looking into it" });

        await _desk.WaitForCustomerMessagesAsync(customer, 1);
        await Eventually(async () => (await _desk.CustomerAsync(customer))["inbound"]![0]!["readByBusiness"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AgentImageArrivesAsAnImageLinkMetaCanFetch()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        var image = RandomNumberGenerator.GetBytes(4096);

        var id = await _desk.AgentSendsAsync(conversation, new
        {
            text = "Your invoice",
            attachment = new { base64 = Convert.ToBase64String(image), mime = "image/png", filename = "invoice.png" },
        });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("image", AgentDesk.Type(sent));
        var media = sent["body"]!["image"]!;
        Assert.Equal("Your invoice", media["caption"]!.GetValue<string>());
        var link = media["link"]!.GetValue<string>();
        Assert.Matches(@"/media-outbound/demo/images/\d{4}-\d{2}-\d{2}/[0-9a-f]{32}\.png\?", link);
        // Meta fetched the link and found a PNG it accepts, so the message was delivered.
        await _desk.WaitForReceiptAsync(customer, id, "Delivered");
        using var http = new HttpClient();
        Assert.Equal(image, await http.GetByteArrayAsync(link, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AgentDocumentArrivesAsADocumentWithItsFileName()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        var id = await _desk.AgentSendsAsync(conversation, new
        {
            attachment = new { base64 = Convert.ToBase64String("%PDF-1.4 terms"u8.ToArray()), mime = "application/pdf", filename = "terms.pdf" },
        });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("document", AgentDesk.Type(sent));
        Assert.Equal("terms.pdf", sent["body"]!["document"]!["filename"]!.GetValue<string>());
        Assert.Contains("/media-outbound/demo/documents/", sent["body"]!["document"]!["link"]!.GetValue<string>());
        await _desk.WaitForReceiptAsync(customer, id, "Delivered");
    }

    [Fact]
    public async Task AgentOpusAudioArrivesAsAVoiceNoteInTheOggTypeWhatsAppAccepts()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        var id = await _desk.AgentSendsAsync(conversation, new
        {
            attachment = new { base64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(2048)), mime = "audio/opus", filename = "note.opus", mediaType = "Audio" },
        });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("audio", AgentDesk.Type(sent));
        var audio = sent["body"]!["audio"]!;
        Assert.True(audio["voice"]!.GetValue<bool>());
        Assert.Null(audio["caption"]);
        using var http = new HttpClient();
        using var served = await http.GetAsync(audio["link"]!.GetValue<string>(), TestContext.Current.CancellationToken);
        Assert.Equal("audio/ogg; codecs=opus", served.Content.Headers.ContentType!.ToString());
        await _desk.WaitForReceiptAsync(customer, id, "Delivered");
    }

    [Fact]
    public async Task ThreeQuickRepliesBecomeReplyButtons()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        await _desk.AgentSendsAsync(conversation, new
        {
            text = "Was this helpful?",
            quickReplies = new[] { new { text = "Yes", payload = "yes" }, new { text = "No", payload = "no" }, new { text = "Talk to a human", payload = "human" } },
        });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var interactive = sent["body"]!["interactive"]!;
        Assert.Equal("button", interactive["type"]!.GetValue<string>());
        Assert.Equal("Was this helpful?", interactive["body"]!["text"]!.GetValue<string>());
        var buttons = interactive["action"]!["buttons"]!.AsArray().Select(b => b!["reply"]!).ToList();
        Assert.Equal(["yes", "no", "human"], buttons.Select(b => b["id"]!.GetValue<string>()));
        Assert.Equal(["Yes", "No", "Talk to a human"], buttons.Select(b => b["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FiveQuickRepliesBecomeAList()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        var options = Enumerable.Range(1, 5).Select(i => new { text = $"Option {i}", payload = $"opt-{i}" }).ToArray();

        await _desk.AgentSendsAsync(conversation, new { text = "Pick a topic", quickReplies = options });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var interactive = sent["body"]!["interactive"]!;
        Assert.Equal("list", interactive["type"]!.GetValue<string>());
        var rows = interactive["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal(options.Select(o => o.payload), rows.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(options.Select(o => o.text), rows.Select(r => r!["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TemplateArrivesWithItsParametersInOrder()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        var id = await _desk.AgentSendsAsync(conversation, new
        {
            notification = new
            {
                @namespace = "b2c4d6e8",
                name = "order_update",
                language = "en-US",
                bodyText = "Hi {{1}}, your order {{2}} has shipped.",
                parameters = new[] { new { text = "Ada" }, new { text = "A-1042" } },
            },
        });

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        var template = sent["body"]!["template"]!;
        Assert.Equal("order_update", template["name"]!.GetValue<string>());
        Assert.Equal("en_US", template["language"]!["code"]!.GetValue<string>());
        var body = Assert.Single(template["components"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "body")!;
        Assert.Equal(["Ada", "A-1042"], body["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()));
        await _desk.WaitForReceiptAsync(customer, id, "Delivered");
    }

    [Fact]
    public async Task AgentTypingShowsTheTypingIndicatorOnTheCustomersLastMessage()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);

        await _desk.AgentSendsAsync(conversation, new { typing = new { durationMs = 5000 } });

        await Eventually(async () => (await _desk.CustomerAsync(customer))["inbound"]![0]!["typingIndicatorShown"]!.GetValue<bool>());
        var inbound = (await _desk.CustomerAsync(customer))["inbound"]![0]!;
        Assert.True(inbound["readByBusiness"]!.GetValue<bool>());
        // A typing event is not a message: nothing was sent to the customer.
        Assert.Empty(await _desk.CustomerReceivedAsync(customer));
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
