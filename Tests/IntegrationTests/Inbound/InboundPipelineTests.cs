using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Minio;
using Minio.DataModel.Args;

namespace WhatsAppGenesys.IntegrationTests.Inbound;

/// <summary>
/// The inbound flow end to end: a customer writes on WhatsApp (Meta sandbox), the agent reads it in Genesys (Genesys
/// sandbox).
/// </summary>
public class InboundPipelineTests(AppFixture fixture)
{
    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task TextMessageReachesTheAgentOnceWithTheCustomersIdentity()
    {
        var customer = Sandboxes.NewCustomer();

        var wamid = await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Hello, I need help", profileName = "Ada Lovelace" });

        var received = await _sandboxes.WaitForAgentMessagesAsync(customer, 1);
        var message = Assert.Single(received);
        Assert.Equal("Hello, I need help", Sandboxes.Text(message));
        Assert.Equal(wamid, Sandboxes.ChannelMessageId(message));
        var conversation = (await _sandboxes.ConversationAsync(customer))!;
        Assert.Equal("+" + customer, conversation["customer"]!["id"]!.GetValue<string>());
        Assert.Equal("Phone", conversation["customer"]!["idType"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", conversation["customer"]!["nickname"]?.GetValue<string>() ?? conversation["customer"]!["firstName"]?.GetValue<string>());
    }

    [Fact]
    public async Task ImageReachesTheAgentAsAnAttachmentGenesysCanFetch()
    {
        var customer = Sandboxes.NewCustomer();
        var image = RandomNumberGenerator.GetBytes(2048);

        await _sandboxes.CustomerSendsAsync(customer, new
        {
            type = "image",
            media = new { base64 = Convert.ToBase64String(image), mimeType = "image/jpeg", caption = "my receipt" },
        });

        var message = Assert.Single(await _sandboxes.WaitForAgentMessagesAsync(customer, 1));
        var attachment = message["content"]!.AsArray()[0]!["attachment"]!.AsObject();
        Assert.Equal("Image", attachment["mediaType"]!.GetValue<string>());
        Assert.Equal("image/jpeg", attachment["mime"]!.GetValue<string>());
        Assert.Contains("my receipt", Sandboxes.Text(message) + attachment["text"]?.GetValue<string>());
        // Genesys fetched our presigned URL and got exactly the customer's bytes.
        var fetch = message["content"]!.AsArray()[0]!["fetch"]!.AsObject();
        Assert.True(fetch["succeeded"]!.GetValue<bool>(), fetch.ToJsonString());
        Assert.Equal(image.Length, fetch["sizeBytes"]!.GetValue<long>());
        Assert.NotEqual(false, fetch["sha256Matches"]?.GetValue<bool>());
    }

    [Fact]
    public async Task RedeliveredWebhookReachesTheAgentOnce()
    {
        var customer = Sandboxes.NewCustomer();
        var wamid = await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "only once" });

        // Meta delivers at least once: the same wamid again, then a later message to know both were processed.
        await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "only once", wamid });
        await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "after the duplicate" });

        var received = await _sandboxes.WaitForAgentMessagesAsync(customer, 2);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        received = await _sandboxes.AgentReceivedAsync(customer);
        Assert.Equal(["only once", "after the duplicate"], received.Select(Sandboxes.Text));
        Assert.Single(received, m => Sandboxes.ChannelMessageId(m) == wamid);
    }

    [Fact]
    public async Task EachCustomersMessagesArriveInTheOrderTheyWereSent()
    {
        var alice = Sandboxes.NewCustomer();
        var bob = Sandboxes.NewCustomer();

        for (var i = 1; i <= 15; i++)
        {
            await _sandboxes.CustomerSendsAsync(alice, new { type = "text", text = $"alice {i}" });
            await _sandboxes.CustomerSendsAsync(bob, new { type = "text", text = $"bob {i}" });
        }

        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"alice {i}"), (await _sandboxes.WaitForAgentMessagesAsync(alice, 15)).Select(Sandboxes.Text));
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"bob {i}"), (await _sandboxes.WaitForAgentMessagesAsync(bob, 15)).Select(Sandboxes.Text));
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("changes")]
    [InlineData("entries")]
    public async Task OneWebhookBatchingSeveralCustomersKeepsEachCustomersOrder(string layout)
    {
        var customers = Enumerable.Range(0, 3).Select(_ => Sandboxes.NewCustomer()).ToList();
        var messages = Enumerable.Range(1, 4).SelectMany(i => customers.Select(c => new { waId = c, type = "text", text = $"{c} #{i}" })).ToList();

        using var response = await fixture.Client("meta-sandbox").PostAsJsonAsync("/sandbox/webhooks/batch", new { layout, messages }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        foreach (var customer in customers)
        {
            var received = await _sandboxes.WaitForAgentMessagesAsync(customer, 4);
            Assert.Equal(Enumerable.Range(1, 4).Select(i => $"{customer} #{i}"), received.Select(Sandboxes.Text));
        }
    }

    [Fact]
    public async Task RawWebhookIsArchivedInObjectStorage()
    {
        var customer = Sandboxes.NewCustomer();
        var wamid = await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "keep a copy" });
        await _sandboxes.WaitForAgentMessagesAsync(customer, 1);

        var keys = await fixture.ListS3KeysAsync("webhooks-inbound", "demo/");
        var key = Assert.Single(keys, k => k.EndsWith($"-{wamid}.json", StringComparison.Ordinal));
        var s3 = await fixture.S3ClientAsync();
        var stored = new MemoryStream();
        await s3.GetObjectAsync(new GetObjectArgs().WithBucket("webhooks-inbound").WithObject(key).WithCallbackStream(s => s.CopyTo(stored)), TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(stored.ToArray())!;
        Assert.Equal("keep a copy", json["entry"]![0]!["changes"]![0]!["value"]!["messages"]![0]!["text"]!["body"]!.GetValue<string>());
        Assert.Matches(@"^demo/\d{4}-\d{2}-\d{2}/\d+-wamid\.", key);
    }

    [Fact]
    public async Task GenesysFailingForAWhileDeliversEverythingAfterRecoveryInOrder()
    {
        var customer = Sandboxes.NewCustomer();
        await _sandboxes.InjectGenesysFaultAsync(new
        {
            path = "/api/v2/conversations/messages/*/inbound/open/message",
            status = 503,
            durationSeconds = 4,
        });
        try
        {
            for (var i = 1; i <= 5; i++)
            {
                await _sandboxes.CustomerSendsAsync(customer, new { type = "text", text = $"during outage {i}" });
            }
            var received = await _sandboxes.WaitForAgentMessagesAsync(customer, 5, TimeSpan.FromSeconds(90));
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"during outage {i}"), received.Select(Sandboxes.Text));
        }
        finally
        {
            await _sandboxes.ClearGenesysFaultsAsync();
        }
    }
}
