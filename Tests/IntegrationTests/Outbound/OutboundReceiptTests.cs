using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Npgsql;
using StackExchange.Redis;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>What the agent learns about a message (receipts), and what never gets sent: expired window, duplicates, forged webhooks.</summary>
public class OutboundReceiptTests(AppFixture fixture)
{
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task UnreachableCustomerFailsTheAgentsMessageWithInvalidDestination()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        await _desk.MarkUnreachableAsync(customer);

        var id = await _desk.AgentSendsAsync(conversation, new { text = "Are you still there?" });

        var receipt = await _desk.WaitForReceiptAsync(customer, id, "Failed");
        Assert.Equal("InvalidDestination", AgentDesk.ReceiptReason(receipt));
        Assert.Contains("131026", receipt["reasons"]![0]!["message"]!.GetValue<string>());
        Assert.True(receipt["isFinalReceipt"]!.GetValue<bool>());
        Assert.Null((await _desk.AgentMessageAsync(customer, id))!["receipts"]!.AsArray()
            .FirstOrDefault(r => r!["status"]!.GetValue<string>() == "Delivered"));
    }

    [Fact]
    public async Task ReplyOutsideTheWindowIsNotSentAndOnlyATemplateGoesThrough()
    {
        var customer = Sandboxes.NewCustomer();
        var yesterday = DateTimeOffset.UtcNow.AddHours(-25).ToUnixTimeSeconds();
        var conversation = await _desk.CustomerOpensConversationAsync(customer, new { type = "text", text = "old question", timestamp = yesterday });

        var id = await _desk.AgentSendsAsync(conversation, new { text = "Sorry for the late answer" });

        var receipt = await _desk.WaitForReceiptAsync(customer, id, "Failed");
        Assert.Equal("MessageExpired", AgentDesk.ReceiptReason(receipt));
        Assert.Contains("template", receipt["reasons"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // Templates are what WhatsApp allows outside the window: the next one goes out, and the refused text never did.
        await _desk.AgentSendsAsync(conversation, new { notification = new { name = "follow_up", language = "en_US", bodyText = "We have an answer for you." } });
        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("template", AgentDesk.Type(sent));
        await AgentDesk.SettleAsync();
        Assert.Single(await _desk.CustomerReceivedAsync(customer));
    }

    [Fact]
    public async Task RedeliveredGenesysWebhookIsSentOnce()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var body = new JsonObject
        {
            ["id"] = id,
            ["channel"] = new JsonObject
            {
                ["id"] = AgentDesk.IntegrationId,
                ["platform"] = "Open",
                ["type"] = "Private",
                ["to"] = new JsonObject { ["id"] = "+" + customer, ["idType"] = "Phone" },
                ["from"] = new JsonObject { ["nickname"] = "Support", ["id"] = AgentDesk.IntegrationId, ["idType"] = "Opaque" },
                ["time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["messageId"] = id,
            },
            ["type"] = "Text",
            ["text"] = "only once, please",
            ["originatingEntity"] = "Human",
            ["direction"] = "Outbound",
            ["conversationId"] = conversation,
        }.ToJsonString();

        // Genesys retries a webhook it thinks failed with the identical bytes.
        Assert.Equal(200, await _desk.PostRawWebhookAsync(body));
        Assert.Equal(200, await _desk.PostRawWebhookAsync(body));

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("only once, please", sent["body"]!["text"]!["body"]!.GetValue<string>());
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.Single(await _desk.CustomerReceivedAsync(customer));
    }

    [Fact]
    public async Task WebhookWithABadSignatureIsRefusedWith401()
    {
        var body = """{"id":"0123456789abcdef0123456789abcdef","type":"Text","text":"forged","channel":{"id":"8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92","to":{"id":"+15550000000","idType":"Phone"},"from":{"id":"8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92","idType":"Opaque"},"time":"2026-01-01T00:00:00.000Z"}}""";

        Assert.Equal(401, await _desk.PostRawWebhookAsync(body, "sha256=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
    }

    [Fact]
    public async Task WebhookForAnUnknownIntegrationIsRefusedWith403()
    {
        var stranger = Guid.NewGuid().ToString();
        var body = $$$"""{"id":"0123456789abcdef0123456789abcdef","type":"Text","text":"who am I","channel":{"id":"{{{stranger}}}","to":{"id":"+15550000000","idType":"Phone"},"from":{"id":"{{{stranger}}}","idType":"Opaque"},"time":"2026-01-01T00:00:00.000Z"}}""";

        Assert.Equal(403, await _desk.PostRawWebhookAsync(body));
    }

    [Fact]
    public async Task SendApiMessageReachesTheCustomerIsRecordedAndReportsItsStatus()
    {
        var customer = Sandboxes.NewCustomer();
        await _desk.CustomerOpensConversationAsync(customer);
        var api = fixture.Client("whatsapp-api");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/whatsapp/sendmessage")
        {
            Content = JsonContent.Create(new { to = "+" + customer, type = "text", text = "Your code is 1234" }),
        };
        request.Headers.Add("X-Tenant-ID", "demo");
        using var response = await api.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messageId = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["messageId"]!.GetValue<string>();

        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal(messageId, sent["wamid"]!.GetValue<string>());
        // Meta's statuses move the message forward; the sandbox's phone reads it right away.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string status;
        do
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            using var query = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{messageId}");
            query.Headers.Add("X-Tenant-ID", "demo");
            using var answer = await api.SendAsync(query, TestContext.Current.CancellationToken);
            status = answer.IsSuccessStatusCode ? (await answer.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["status"]!.GetValue<string>() : "";
        }
        while (status != "read" && DateTime.UtcNow < deadline);
        Assert.Equal("read", status);

        await using (var db = new NpgsqlConnection(await fixture.ConnectionStringAsync("whatsappdb")))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT status, recipient, message_type FROM whatsapp_responses WHERE tenant_id = 'demo' AND wamid = @wamid", db);
            command.Parameters.AddWithValue("wamid", messageId);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
            Assert.Equal(("accepted", customer, "text"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync("redis"));
        var kept = await redis.GetDatabase().StringGetAsync($"message:{messageId}:request");
        Assert.Equal("Your code is 1234", JsonNode.Parse((string)kept!)!["text"]!["body"]!.GetValue<string>());

        using var other = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{messageId}");
        other.Headers.Add("X-Tenant-ID", "another-tenant");
        using var hidden = await api.SendAsync(other, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
