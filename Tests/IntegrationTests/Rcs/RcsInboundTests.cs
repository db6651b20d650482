using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Portal;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// Inbound RCS end to end: a customer writes at the RCS simulator, rcs-api's webhook checks, archives and queues it,
/// the inbound transformer delivers it, and the agent reads it in the Genesys simulator; the phone's receipts of a
/// message sent through the send API show on its status route.
/// </summary>
public sealed class RcsInboundTests(AppFixture fixture)
{
    private readonly RcsCustomers _customers = new(fixture);
    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task TextSuggestionResponseLocationAndFileReachTheAgentOnceAndInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var file = RandomNumberGenerator.GetBytes(3000);

        var text = await _customers.SendsAsync(msisdn, new { text = "Hello over RCS" }, ct);
        // RBM delivers at least once: the same messageId again must not reach the agent twice.
        await _customers.SendsAsync(msisdn, new { text = "Hello over RCS", messageId = RcsCustomers.MessageId(text) }, ct);
        await _customers.SendsAsync(msisdn, new { suggestionResponse = new { postbackData = "track_parcel", text = "Track it", type = "REPLY" } }, ct);
        await _customers.SendsAsync(msisdn, new { location = new { latitude = 51.5007, longitude = -0.1246 } }, ct);
        var sentFile = await _customers.SendsAsync(msisdn, new { file = new { base64 = Convert.ToBase64String(file), mimeType = "image/png", fileName = "receipt.png" } }, ct);
        Assert.Equal(200, RcsCustomers.WebhookStatus(sentFile));

        var customerId = RcsCustomers.CustomerId(msisdn);
        await _sandboxes.WaitForAgentMessagesAsync(customerId, 4);
        await Task.Delay(1000, ct);
        var received = await _sandboxes.AgentReceivedAsync(customerId);

        Assert.Equal(4, received.Count);
        Assert.Equal(RcsCustomers.MessageId(text), Sandboxes.ChannelMessageId(received[0]));
        Assert.Equal("Hello over RCS", Sandboxes.Text(received[0]));
        Assert.Equal("Track it", Sandboxes.Text(received[1]));
        Assert.Equal("track_parcel", received[1]["metadata"]!["buttonPayload"]!.GetValue<string>());
        Assert.Equal("📍 Location: 51.5007, -0.1246\nhttps://maps.google.com/?q=51.5007,-0.1246", Sandboxes.Text(received[2]));
        var content = received[3]["content"]!.AsArray()[0]!;
        Assert.Equal("Image", content["attachment"]!["mediaType"]!.GetValue<string>());
        Assert.Equal("image/png", content["attachment"]!["mime"]!.GetValue<string>());
        // Genesys fetched our presigned copy, not the provider's URL, and got exactly the customer's bytes.
        Assert.True(content["fetch"]!["succeeded"]!.GetValue<bool>(), content.ToJsonString());
        Assert.Equal(file.Length, content["fetch"]!["sizeBytes"]!.GetValue<long>());
        Assert.DoesNotContain(ServiceNames.RcsSandbox, content["attachment"]!["url"]!.GetValue<string>());

        var conversation = (await _sandboxes.ConversationAsync(customerId))!;
        Assert.Equal(customerId, conversation["customer"]!["id"]!.GetValue<string>());
        Assert.Equal("Opaque", conversation["customer"]!["idType"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSameNumberOnWhatsAppAndRcsIsTwoConversations()
    {
        var ct = TestContext.Current.CancellationToken;
        var waId = Sandboxes.NewCustomer();
        var msisdn = "+" + waId;

        await _sandboxes.CustomerSendsAsync(waId, new { type = "text", text = "from WhatsApp" });
        await _customers.SendsAsync(msisdn, new { text = "from RCS" }, ct);

        var onWhatsApp = Assert.Single(await _sandboxes.WaitForAgentMessagesAsync(waId, 1));
        var onRcs = Assert.Single(await _sandboxes.WaitForAgentMessagesAsync(RcsCustomers.CustomerId(msisdn), 1));
        Assert.Equal("from WhatsApp", Sandboxes.Text(onWhatsApp));
        Assert.Equal("from RCS", Sandboxes.Text(onRcs));
        var whatsAppConversation = (await _sandboxes.ConversationAsync(waId))!;
        var rcsConversation = (await _sandboxes.ConversationAsync(RcsCustomers.CustomerId(msisdn)))!;
        Assert.NotEqual(whatsAppConversation["id"]!.GetValue<string>(), rcsConversation["id"]!.GetValue<string>());

        // Two customers in the state manager too, and the RCS one's message in the conversation history.
        var state = fixture.Client(ServiceNames.StateManager);
        var mappings = new List<JsonObject>();
        foreach (var customer in new[] { waId, RcsCustomers.CustomerId(msisdn) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/state/mapping/{Uri.EscapeDataString(customer)}");
            request.Headers.Add("X-Tenant-ID", "demo");
            using var response = await state.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            mappings.Add((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!);
        }
        Assert.NotEqual(mappings[0]["conversationId"]!.GetValue<string>(), mappings[1]["conversationId"]!.GetValue<string>());
        Assert.Equal("from RCS", await HistoryTextAsync(RcsCustomers.CustomerId(msisdn), ct));
    }

    public static TheoryData<string, int> BadInput => new()
    {
        { "bad signature", 401 },
        { "no signature", 401 },
        { "signed with another client token", 401 },
        { "unknown agent", 403 },
        { "event that is not JSON", 400 },
        { "event without a sender", 400 },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInputIsRefusedAndNothingReachesTheAgent(string kind, int expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var agent = await DefaultAgentAsync(ct);
        var good = RcsCustomers.TextEvent(msisdn, agent, "should never arrive");
        object request = kind switch
        {
            "bad signature" => new { @event = good, signature = Convert.ToBase64String(new byte[64]) },
            "no signature" => new { @event = good, omitSignature = true },
            "signed with another client token" => new { @event = good, clientToken = "another-agents-client-token" },
            "unknown agent" => new { @event = RcsCustomers.TextEvent(msisdn, "nobody_agent_" + Guid.NewGuid().ToString("N")[..8], "who?") },
            "event that is not JSON" => new { @event = "this is not json {" },
            _ => new { @event = RcsCustomers.TextEvent(null, agent, "from nobody") },
        };

        Assert.Equal(expected, await _customers.PostRawAsync(request, ct));

        await Task.Delay(1500, ct);
        Assert.Null(await _sandboxes.ConversationAsync(RcsCustomers.CustomerId(msisdn)));
    }

    [Fact]
    public async Task TheCustomerTypingShowsTheAgentATypingEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var customerId = RcsCustomers.CustomerId(msisdn);
        await _customers.SendsAsync(msisdn, new { text = "One moment, I will write more" }, ct);
        await _sandboxes.WaitForAgentMessagesAsync(customerId, 1);

        using (var typing = await _customers.Simulator.PostAsJsonAsync($"/sandbox/users/{Uri.EscapeDataString(msisdn)}/events", new { eventType = "IS_TYPING" }, ct))
        {
            typing.EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        JsonObject? typingEvent;
        while ((typingEvent = (await _sandboxes.ConversationAsync(customerId))!["messages"]!.AsArray().Select(m => m!.AsObject())
                   .FirstOrDefault(m => m["type"]?.GetValue<string>() == "Event")) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The agent saw no typing event.");
            await Task.Delay(200, ct);
        }
        var shown = typingEvent["events"]!.AsArray()[0]!;
        Assert.Equal("Typing", shown["eventType"]!.GetValue<string>());
        Assert.Equal("On", shown["typing"]!["type"]!.GetValue<string>());
        // A typing indicator is not a message: the agent still has the one text.
        Assert.Single(await _sandboxes.AgentReceivedAsync(customerId), m => m["type"]?.GetValue<string>() != "Event");
    }

    [Fact]
    public async Task TheGatewayRoutesTheProvidersWebhookToRcsApi()
    {
        var ct = TestContext.Current.CancellationToken;
        var gateway = new GatewayHarness(fixture).Client();
        using var unsigned = new StringContent(RcsCustomers.TextEvent(RcsCustomers.NewMsisdn(), await DefaultAgentAsync(ct), "hi"), Encoding.UTF8, "application/json");
        using var malformed = new StringContent("{\"message\":", Encoding.UTF8, "application/json");
        malformed.Headers.Add("X-Goog-Signature", Convert.ToBase64String(new byte[64]));

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.PostAsync("/webhook/rcs", unsigned, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.PostAsync("/webhook/rcs", malformed, ct)).StatusCode);
    }

    [Fact]
    public async Task DeliveredAndReadOfAMessageSentThroughTheSendApiShowOnItsStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var rcs = new RcsHarness(fixture);
        var gateway = new GatewayHarness(fixture);
        var tenant = await rcs.CreateTenantAsync(ct);
        var client = gateway.Client((await gateway.CreateApiKeyAsync(tenant.Id, ct)).ApiKey);

        using var sent = await client.PostAsJsonAsync("/api/v1/conv/RCS/sendmessage", new { to = RcsCustomers.NewMsisdn(), text = "Your order shipped" }, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();

        // The simulator's phone reports DELIVERED, then READ, each signed with this tenant's client token.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string status;
        while ((status = await StatusAsync(client, messageId, ct)) != "read")
        {
            Assert.True(DateTime.UtcNow < deadline, $"The status stayed '{status}'");
            await Task.Delay(250, ct);
        }
    }

    [Fact]
    public async Task DeliveredAndReadOfAnAgentsRcsMessageMoveItsLedgerRowAndBecomeOneGenesysReceipt()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var customerId = RcsCustomers.CustomerId(msisdn);
        var state = fixture.Client(ServiceNames.StateManager);
        // What the outbound side records when an agent's message goes out over RCS: a ledger row keyed by the Genesys
        // message id, with RBM's messageId as the provider's id (the row's wamid column).
        var mapping = await StateAsync(state, HttpMethod.Post, "/state/mapping", new EnsureMappingRequest(customerId, null, null, null, null, null), ct);
        var genesysId = Guid.NewGuid().ToString();
        var rbmId = Guid.NewGuid().ToString();
        await StateAsync(state, HttpMethod.Post, "/state/message", new RecordMessageRequest(MessageDirection.Outbound, genesysId, customerId,
            mapping!["conversationId"]!.GetValue<Guid>(), DateTimeOffset.UtcNow, WhatsAppMessageId: rbmId, GenesysMessageId: genesysId), ct);

        var agent = await DefaultAgentAsync(ct);
        foreach (var eventType in new[] { "DELIVERED", "READ" })
        {
            Assert.Equal(200, await _customers.PostRawAsync(new { @event = RcsCustomers.ReceiptEvent(msisdn, agent, eventType, rbmId) }, ct));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await StateAsync(state, HttpMethod.Get, $"/state/message/outbound/{genesysId}", null, ct))!["status"]!.GetValue<string>() != MessageStatus.Read)
        {
            Assert.True(DateTime.UtcNow < deadline, "The ledger row never reached read");
            await Task.Delay(250, ct);
        }
        // Genesys has no Read: the agent's message got exactly one Delivered receipt, addressed to the RCS customer.
        var receipts = (await fixture.Client("genesys-sandbox").GetFromJsonAsync<JsonArray>("/sandbox/receipts/unmatched", ct))!
            .Select(r => r!.AsObject()).Where(r => r["id"]?.GetValue<string>() == genesysId).ToList();
        var receipt = Assert.Single(receipts);
        Assert.Equal("Delivered", receipt["status"]!.GetValue<string>());
        Assert.Equal(customerId, receipt["toId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AReceiptOfAMessageNobodyKnowsIsDroppedAfterAFewTriesAndTheCustomerIsNotHeldUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();

        var unknown = RcsCustomers.ReceiptEvent(msisdn, await DefaultAgentAsync(ct), "READ", Guid.NewGuid().ToString());
        Assert.Equal(200, await _customers.PostRawAsync(new { @event = unknown }, ct));
        await _customers.SendsAsync(msisdn, new { text = "after an unknown receipt" }, ct);

        var message = Assert.Single(await _sandboxes.WaitForAgentMessagesAsync(RcsCustomers.CustomerId(msisdn), 1));
        Assert.Equal("after an unknown receipt", Sandboxes.Text(message));
    }

    private static async Task<JsonObject?> StateAsync(HttpClient state, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Tenant-ID", "demo");
        using var response = await state.SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return answer?["message"] as JsonObject ?? answer;
    }

    private static async Task<string> StatusAsync(HttpClient client, string messageId, CancellationToken ct)
    {
        using var response = await client.GetAsync($"/api/v1/conv/RCS/messages/{messageId}/status", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>();
    }

    /// <summary>The simulator's default agent: the demo tenant's.</summary>
    private async Task<string> DefaultAgentAsync(CancellationToken ct) =>
        (await _customers.Simulator.GetFromJsonAsync<JsonObject>("/sandbox/info", ct))!["agentId"]!.GetValue<string>();

    /// <summary>
    /// The text of the customer's first message in the conversation history, as the portal API shows it to the tenant
    /// (through the gateway, with a key of the demo tenant); the API names an RCS customer by its customer id.
    /// </summary>
    private async Task<string?> HistoryTextAsync(string customerId, CancellationToken ct)
    {
        var history = new HistoryDesk(fixture);
        using var client = await history.DemoClientAsync(ct);
        var items = await HistoryDesk.WaitForAsync(client, HistoryDesk.CustomerMessages(customerId), found => found.Count > 0, ct);
        Assert.All(items, item => Assert.Equal(customerId, HistoryDesk.Str(item, "customerId")));
        return HistoryDesk.Text(items[^1]);
    }
}
