using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

public sealed class ControlApiTests
{
    [Fact]
    public async Task ResetForgetsTokensUsersIdsFaultsAndCounters()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();
        await host.SendAcceptedAsync("+15551310001", RcsSandboxHost.Text("hi"), token, messageId);
        await host.UserSendsAsync("+15551310001", new { text = "hello" });
        await host.Receiver.WaitForAsync(_ => host.Receiver.EventsFor(messageId).Count == 2);
        await host.PostJsonOkAsync("/sandbox/faults", new { path = "/v1/phones/*/capabilities", status = 503 });

        using (var reset = await host.Client.PostAsync("/sandbox/reset", null, RcsSandboxHost.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        using (var oldToken = await host.SendAsync("+15551310001", RcsSandboxHost.Text("hi"), token))
        {
            await GoogleErrorAssert.IsAsync(oldToken, 401, "UNAUTHENTICATED");
        }
        Assert.Empty((await host.GetJsonAsync("/sandbox/users/%2B15551310001/received")).EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("/sandbox/users/%2B15551310001/sent")).EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("/sandbox/faults")).EnumerateArray());
        var counters = await host.GetJsonAsync("/sandbox/counters");
        Assert.Equal(0, counters.GetProperty("tokenExchanges").GetInt32());
        Assert.Equal(0, counters.GetProperty("agentMessagesAccepted").GetInt32());
        // The message id may be used again; the agent itself survived the reset.
        var fresh = await host.GetAccessTokenAsync();
        await host.SendAcceptedAsync("+15551310001", RcsSandboxHost.Text("hi again"), fresh, messageId);
    }

    [Fact]
    public async Task AFaultFailsTheNextNRequestsInGooglesShape()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        await host.PostJsonOkAsync("/sandbox/faults", new { path = "/v1/phones/*/agentMessages", status = 503, count = 2, retryAfterSeconds = 3 });

        using var first = await host.SendAsync("+15551310002", RcsSandboxHost.Text("a"), token);
        using var second = await host.SendAsync("+15551310002", RcsSandboxHost.Text("b"), token);
        using var third = await host.SendAsync("+15551310002", RcsSandboxHost.Text("c"), token);

        await GoogleErrorAssert.IsAsync(first, 503, "UNAVAILABLE");
        await GoogleErrorAssert.IsAsync(second, 503, "UNAVAILABLE");
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, (await host.GetJsonAsync("/sandbox/counters")).GetProperty("faultsInjected").GetInt32());
    }

    [Fact]
    public async Task AFaultOnTheTokenEndpointAnswersInOAuthsShape()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PostJsonOkAsync("/sandbox/faults", new { path = "/oauth2/token", status = 500, count = 1 });

        using var failed = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials);
        using var next = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("server_error", (await failed.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AnInternalErrorFaultForADurationAndItsRemoval()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var rule = await host.PostJsonOkAsync("/sandbox/faults", new { status = 500, durationSeconds = 60 });

        using (var failed = await host.GetCapabilitiesAsync("+15551310003", token))
        {
            await GoogleErrorAssert.IsAsync(failed, 500, "INTERNAL");
        }
        host.Time.Advance(TimeSpan.FromSeconds(61));
        using (var after = await host.GetCapabilitiesAsync("+15551310003", token))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        using var removed = await host.Client.DeleteAsync($"/sandbox/faults/{rule.GetProperty("id").GetString()}", RcsSandboxHost.Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    [Fact]
    public async Task InfoDescribesTheSurfaceWithoutUndocumentedSecrets()
    {
        await using var host = await RcsSandboxHost.StartAsync(new Dictionary<string, string?> { ["RcsSandbox:WebhookSecret"] = "a-real-secret" });

        var info = await host.GetJsonAsync("/sandbox/info");

        Assert.Equal(RcsSandboxHost.AgentId, info.GetProperty("agentId").GetString());
        Assert.Equal(RcsSandboxHost.EventAgentId, info.GetProperty("eventAgentId").GetString());
        Assert.Equal(RcsSandboxHost.ClientSecret, info.GetProperty("clientSecret").GetString());
        Assert.Equal(JsonValueKind.Null, info.GetProperty("webhookSecret").ValueKind);
        Assert.Equal("X-Goog-Signature", info.GetProperty("signatureHeader").GetString());
        Assert.Equal(host.Receiver.Url, info.GetProperty("webhookUrl").GetString());
        Assert.EndsWith("/oauth2/token", info.GetProperty("tokenUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains(info.GetProperty("routes").EnumerateArray(), r => r.GetString()!.StartsWith("POST /v1/phones/{msisdn}/agentMessages", StringComparison.Ordinal));
        Assert.Equal("+1555000", info.GetProperty("notCapablePrefixes")[0].GetString());
    }

    [Fact]
    public async Task PuttingAnAgentCreatesThenReplacesItAndItsClient()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var agent = new { clientId = "brand-client", clientSecret = "s1", webhookSecret = "w1", messagesPerSecond = 7 };

        using var created = await host.Client.PutAsJsonAsync("/sandbox/agents/brand_agent", agent, RcsSandboxHost.Ct);
        using var replaced = await host.Client.PutAsJsonAsync("/sandbox/agents/brand_agent", agent with { clientSecret = "s2" }, RcsSandboxHost.Ct);
        using var invalid = await host.Client.PutAsJsonAsync("/sandbox/agents/brand_agent", new { clientId = "x" }, RcsSandboxHost.Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var view = await replaced.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.Equal(7, view.GetProperty("messagesPerSecond").GetInt32());
        Assert.False(view.TryGetProperty("clientSecret", out _));
        using var oldSecret = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials, "brand-client", "s1");
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        await host.GetAccessTokenAsync("brand-client", "s2");
    }

    [Fact]
    public async Task TheVerificationHandshakeChecksTheEchoedSecret()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        var ok = await host.PostJsonOkAsync("/sandbox/webhooks/verify", new { secret = "1234567890" });
        var wrongToken = await host.PostJsonOkAsync("/sandbox/webhooks/verify", new { clientToken = "not-ours" });

        Assert.True(ok.GetProperty("secretEchoed").GetBoolean());
        Assert.Equal("1234567890", ok.GetProperty("responseBody").GetString());
        Assert.False(wrongToken.GetProperty("secretEchoed").GetBoolean());
        Assert.Equal(403, wrongToken.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ARawEventIsSignedByteForByteUnlessTheSignatureIsOverridden()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        const string userEvent = "{ \"senderPhoneNumber\": \"+15551310004\", \"text\": \"caf\\u00e9 ☕\" }";

        var signed = await host.PostJsonOkAsync("/sandbox/webhooks/raw", new { @event = userEvent });
        var overridden = await host.PostJsonOkAsync("/sandbox/webhooks/raw", new { @event = userEvent, signature = "forged" });

        Assert.Equal(200, signed.GetProperty("status").GetInt32());
        Assert.Equal(Encoding.UTF8.GetBytes(userEvent), host.Receiver.All[0].EventBytes);
        Assert.True(host.Receiver.All[0].SignatureValid(RcsSandboxHost.WebhookSecret));
        Assert.Equal("forged", overridden.GetProperty("signature").GetString());
        Assert.False(host.Receiver.All[1].SignatureValid(RcsSandboxHost.WebhookSecret));
    }

    [Fact]
    public async Task AgentEventsAreAcceptedAndShownOnTheUser()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var token = await host.GetAccessTokenAsync();
        var sent = await host.UserSendsAsync("+15551310005", new { text = "hello" });
        var userMessageId = sent.GetProperty("sent").GetProperty("messageId").GetString();
        var eventId = RcsSandboxHost.NewId();

        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/v1/phones/%2B15551310005/agentEvents?eventId={eventId}&agentId={RcsSandboxHost.AgentId}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { eventType = "READ", messageId = userMessageId }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Client.SendAsync(request, RcsSandboxHost.Ct);

        var resource = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"phones/+15551310005/agentEvents/{eventId}", resource.GetProperty("name").GetString());
        var agentEvent = Assert.Single((await host.GetJsonAsync("/sandbox/users/%2B15551310005")).GetProperty("agentEvents").EnumerateArray());
        Assert.Equal("READ", agentEvent.GetProperty("eventType").GetString());
        Assert.Equal(userMessageId, agentEvent.GetProperty("messageId").GetString());
    }
}
