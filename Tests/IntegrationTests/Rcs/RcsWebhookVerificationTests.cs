using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// An agent's own webhook URL, <c>/webhook/rcs/{agentId}</c> through the gateway: it passes RBM's verification
/// (the secret echoed as plain text for the agent's client token, and for nothing else), then receives the agent's
/// users; the shared URL cannot verify, and an event for another agent is refused there.
/// </summary>
public sealed class RcsWebhookVerificationTests(AppFixture fixture)
{
    private readonly RcsHarness _rcs = new(fixture);
    private readonly RcsCustomers _customers = new(fixture);
    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task AnAgentsOwnUrlPassesVerificationWithItsClientTokenAndThenReceivesItsUsers()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        var gateway = new GatewayHarness(fixture).BaseAddress;
        var agentUrl = new Uri(gateway, $"/webhook/rcs/{tenant.AgentId}").ToString();

        var verified = await VerifyAsync(new { agentId = tenant.AgentId, webhookUrl = agentUrl, secret = "8126340517" }, ct);
        Assert.Equal(200, verified["status"]!.GetValue<int>());
        Assert.Equal("8126340517", verified["responseBody"]!.GetValue<string>());
        Assert.True(verified["secretEchoed"]!.GetValue<bool>());

        // Another token (the console's, mistyped), the shared URL, and an agent no tenant owns: no secret comes back.
        var wrongToken = await VerifyAsync(new { agentId = tenant.AgentId, webhookUrl = agentUrl, clientToken = "not-the-token" }, ct);
        Assert.Equal(401, wrongToken["status"]!.GetValue<int>());
        var shared = await VerifyAsync(new { agentId = tenant.AgentId, webhookUrl = new Uri(gateway, "/webhook/rcs").ToString() }, ct);
        Assert.Equal(400, shared["status"]!.GetValue<int>());
        var unknown = await VerifyAsync(new { agentId = tenant.AgentId, webhookUrl = new Uri(gateway, "/webhook/rcs/nobodys_agent").ToString() }, ct);
        Assert.Equal(403, unknown["status"]!.GetValue<int>());
        Assert.All([wrongToken, shared, unknown], answer => Assert.False(answer["secretEchoed"]!.GetValue<bool>()));

        // An agent's URL receives that agent's users: here the simulator's default agent (the demo tenant's, which has
        // an agent desk), whose event goes to its own URL and reaches the agent.
        var defaultAgent = (await _rcs.Simulator.GetFromJsonAsync<JsonObject>("/sandbox/info", ct))!["agentId"]!.GetValue<string>();
        var msisdn = RcsCustomers.NewMsisdn();
        var ownUrl = new Uri(gateway, $"/webhook/rcs/{defaultAgent}").ToString();
        Assert.Equal(200, await _customers.PostRawAsync(new { @event = RcsCustomers.TextEvent(msisdn, defaultAgent, "Hello through my agent's own URL"), webhookUrl = ownUrl }, ct));
        var received = await _sandboxes.WaitForAgentMessagesAsync(RcsCustomers.CustomerId(msisdn), 1);
        Assert.Equal("Hello through my agent's own URL", Sandboxes.Text(received[0]));

        // The same agent's event, correctly signed, posted to the other agent's URL: refused, not routed by its body.
        var misrouted = await _customers.PostRawAsync(new { @event = RcsCustomers.TextEvent(RcsCustomers.NewMsisdn(), defaultAgent, "hi"), webhookUrl = agentUrl }, ct);
        Assert.Equal(400, misrouted);
    }

    private async Task<JsonObject> VerifyAsync(object request, CancellationToken ct)
    {
        using var response = await _rcs.Simulator.PostAsJsonAsync("/sandbox/webhooks/verify", request, ct);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }
}
