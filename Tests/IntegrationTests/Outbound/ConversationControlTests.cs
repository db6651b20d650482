using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>
/// The conversation controls in the Genesys API service: ending a customer's Genesys conversation (through the
/// gateway, as a tenant's systems call it) and showing the agent that the customer is typing.
/// </summary>
public sealed class ConversationControlTests(AppFixture fixture)
{
    private const string DemoTenant = "demo";
    private readonly AgentDesk _desk = new(fixture);
    private readonly GatewayHarness _gateway = new(fixture);

    private HttpClient GenesysSandbox => fixture.Client(ServiceNames.GenesysSandbox);

    [Fact]
    public async Task TenantEndsItsCustomersConversationAndTheCustomersNextMessageOpensANewOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var conversationId = await _desk.CustomerOpensConversationAsync(customer);
        using var demo = _gateway.Client((await _gateway.CreateApiKeyAsync(DemoTenant, ct)).ApiKey);

        using var disconnect = await demo.PostAsync($"/api/v1/conversations/{conversationId}/disconnect", null, ct);
        using var again = await demo.PostAsync($"/api/v1/conversations/{conversationId}/disconnect", null, ct);

        Assert.Equal(HttpStatusCode.OK, disconnect.StatusCode);
        var result = (await disconnect.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.False(result["alreadyDisconnected"]!.GetValue<bool>());
        var ended = await StateAtGenesysAsync(conversationId, ct);
        Assert.Equal("disconnected", ended["state"]!.GetValue<string>());
        var customerParticipant = ended["participants"]!.AsArray().Single(p => p!["purpose"]!.GetValue<string>() == "customer")!;
        Assert.Equal(customerParticipant["id"]!.GetValue<string>(), result["participantId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonObject>(ct))!["alreadyDisconnected"]!.GetValue<bool>());

        // The customer writes again: Genesys opens a new conversation, and the state manager follows it there.
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "One more question" });
        var next = await WaitForNewConversationAsync(customer, conversationId, ct);
        Assert.Equal("connected", (await StateAtGenesysAsync(next, ct))["state"]!.GetValue<string>());
        Assert.Equal(next, await WaitForMappedConversationAsync(customer, next, ct));
    }

    [Fact]
    public async Task AnotherTenantCannotEndAConversationOfDemosOrganisation()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var conversationId = await _desk.CustomerOpensConversationAsync(customer);
        var tenancy = new TenancyHarness(fixture);
        var other = await tenancy.CreateTenantAsync(ct);
        using var otherClient = _gateway.Client(await tenancy.CreateApiKeyAsync(other.Id, ct));
        using var demo = _gateway.Client((await _gateway.CreateApiKeyAsync(DemoTenant, ct)).ApiKey);

        // The other tenant's key and its own Genesys organisation: Genesys shows it nothing of demo's.
        using var foreign = await otherClient.PostAsync($"/api/v1/conversations/{conversationId}/disconnect", null, ct);
        using var unknown = await demo.PostAsync($"/api/v1/conversations/{Guid.NewGuid()}/disconnect", null, ct);
        using var malformed = await demo.PostAsync("/api/v1/conversations/not-a-conversation/disconnect", null, ct);
        using var anonymous = await _gateway.Client().PostAsync($"/api/v1/conversations/{conversationId}/disconnect", null, ct);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("not.found", (await foreign.Content.ReadFromJsonAsync<JsonObject>(ct))!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("connected", (await StateAtGenesysAsync(conversationId, ct))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task TypingIndicatorReachesTheAgentInTheCustomersConversation()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var conversationId = await _desk.CustomerOpensConversationAsync(customer);
        var typing = new JsonObject
        {
            ["channel"] = new JsonObject
            {
                ["from"] = new JsonObject { ["id"] = "+" + customer, ["idType"] = "Phone" },
                ["time"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            },
            ["events"] = new JsonArray(new JsonObject
            {
                ["eventType"] = "Typing",
                ["typing"] = new JsonObject { ["type"] = "On", ["duration"] = 5000 },
            }),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/genesys/events")
        {
            Content = JsonContent.Create(new { idempotencyKey = $"typing-{customer}", body = typing }),
        };
        request.Headers.Add("X-Tenant-ID", DemoTenant);
        using var response = await fixture.Client(ServiceNames.GenesysApi).SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = (await GenesysSandbox.GetFromJsonAsync<JsonObject>($"/sandbox/conversations/{conversationId}", ct))!;
        var shown = conversation["messages"]!.AsArray().Select(m => m!.AsObject()).Single(m => m["type"]!.GetValue<string>() == "Event");
        Assert.Equal("Inbound", shown["direction"]!.GetValue<string>());
        Assert.Equal("Typing", shown["events"]![0]!["eventType"]!.GetValue<string>());
    }

    private async Task<JsonObject> StateAtGenesysAsync(string conversationId, CancellationToken ct) =>
        (await GenesysSandbox.GetFromJsonAsync<JsonObject>($"/sandbox/conversations/{conversationId}", ct))!;

    private async Task<string> WaitForNewConversationAsync(string customer, string previous, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var current = (await _desk.Sandboxes.ConversationAsync(customer))?["id"]?.GetValue<string>();
            if (current is not null && current != previous)
            {
                return current;
            }
            Assert.True(DateTime.UtcNow < deadline, "The customer's message did not open a new Genesys conversation.");
            await Task.Delay(200, ct);
        }
    }

    private async Task<string?> WaitForMappedConversationAsync(string customer, string expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? mapped;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/state/mapping/{customer}");
            request.Headers.Add("X-Tenant-ID", DemoTenant);
            using var response = await fixture.Client(ServiceNames.StateManager).SendAsync(request, ct);
            mapped = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["genesysConversationId"]?.GetValue<string>();
            if (mapped == expected)
            {
                break;
            }
            await Task.Delay(200, ct);
        }
        while (DateTime.UtcNow < deadline);
        return mapped;
    }
}
