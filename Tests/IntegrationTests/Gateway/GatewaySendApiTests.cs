using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>
/// The public send API (<c>POST /api/v1/whatsapp/sendmessage</c>) as a tenant's client uses it: through the gateway,
/// with nothing but its API key.
/// </summary>
public sealed class GatewaySendApiTests(AppFixture fixture)
{
    private const string DemoTenant = "demo";
    private readonly GatewayHarness _gateway = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task TenantKeySendsThroughTheGatewayAndTheStatusFollowsMetasStatuses()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        await _desk.CustomerOpensConversationAsync(customer);
        var demoKey = (await _gateway.CreateApiKeyAsync(DemoTenant, ct)).ApiKey;
        using var demo = _gateway.Client(demoKey);

        // A client cannot pick its tenant: the gateway replaces X-Tenant-ID with the key's tenant.
        using var send = new HttpRequestMessage(HttpMethod.Post, "/api/v1/whatsapp/sendmessage")
        {
            Content = JsonContent.Create(new { to = "+" + customer, type = "text", text = "Sent through the front door" }),
        };
        send.Headers.Add(TenancyHeaders.TenantId, "someone-else");
        using var sent = await demo.SendAsync(send, ct);

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();
        var received = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal(messageId, received["wamid"]!.GetValue<string>());
        Assert.Equal("Sent through the front door", received["body"]!["text"]!["body"]!.GetValue<string>());
        Assert.Equal("read", await WaitForStatusAsync(demo, messageId, "read", ct));
    }

    [Fact]
    public async Task AnotherTenantsKeyCannotSeeTheMessageEvenWhenItNamesTheOwner()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        await _desk.CustomerOpensConversationAsync(customer);
        using var demo = _gateway.Client((await _gateway.CreateApiKeyAsync(DemoTenant, ct)).ApiKey);
        using var sent = await demo.PostAsJsonAsync("/api/v1/whatsapp/sendmessage", new { to = "+" + customer, type = "text", text = "for demo's eyes" }, ct);
        sent.EnsureSuccessStatusCode();
        var messageId = (await sent.Content.ReadFromJsonAsync<JsonObject>(ct))!["messageId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync($"/api/v1/messages/{messageId}", ct)).StatusCode);

        var (_, otherKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var other = _gateway.Client(otherKey);
        using var peek = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/messages/{messageId}");
        peek.Headers.Add(TenancyHeaders.TenantId, DemoTenant);
        using var answer = await other.SendAsync(peek, ct);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    private static async Task<string> WaitForStatusAsync(HttpClient client, string messageId, string expected, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var status = "";
        while (status != expected && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(300, ct);
            using var answer = await client.GetAsync($"/api/v1/messages/{messageId}", ct);
            status = answer.IsSuccessStatusCode ? (await answer.Content.ReadFromJsonAsync<JsonObject>(ct))!["status"]!.GetValue<string>() : $"HTTP {(int)answer.StatusCode}";
        }
        return status;
    }
}
