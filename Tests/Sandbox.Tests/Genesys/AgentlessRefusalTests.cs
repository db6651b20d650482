using System.Net;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>What the agentless endpoint refuses; a refused request sends nothing and opens no conversation.</summary>
public sealed class AgentlessRefusalTests
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "a template on open", """{"messagingTemplate":{"responseId":"r-1","parameters":[{"id":"name","value":"Ann"}]}}""" },
        { "an empty text", """{"textBody":""}""" },
        { "no text", """{"textBody":null}""" },
        { "a text one character too long", new JsonObject { ["textBody"] = new string('x', 2001) }.ToJsonString() },
        { "another messenger type", """{"toAddressMessengerType":"sms"}""" },
        { "a messenger type in the wrong case", """{"toAddressMessengerType":"Open"}""" },
        { "no customer address", """{"toAddress":null}""" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadBodyIs400BadRequest(string why, string overrides)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var body = AgentlessRequests.Text("+15550810001", "hello");
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        using var response = await AgentlessRequests.PostAsync(host, token, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        var error = await response.JsonAsync();
        Assert.Equal("bad.request", error.GetProperty("code").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        await AssertNothingSentAsync(host);
    }

    [Fact]
    public async Task WithoutATokenItIs401()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await AgentlessRequests.PostAsync(host, token: null, AgentlessRequests.Text("+15550810002", "hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication.required", (await response.JsonAsync()).GetProperty("code").GetString());
        await AssertNothingSentAsync(host);
    }

    [Fact]
    public async Task AnotherOrganizationsIntegrationIsRefusedLikeAnUnknownOne()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        await OAuthTests.RegisterAsync(host, "c4e5d6f7-0000-4000-8000-000000000001", "agentless-other-client", "agentless-other-secret");
        var token = await host.GetTokenAsync();

        using var foreign = await AgentlessRequests.PostAsync(host, token,
            AgentlessRequests.Text("+15550810003", "hello", fromAddress: "c4e5d6f7-0000-4000-8000-000000000001"));
        using var unknown = await AgentlessRequests.PostAsync(host, token,
            AgentlessRequests.Text("+15550810003", "hello", fromAddress: "c4e5d6f7-0000-4000-8000-0000000000ff"));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("bad.request", (await foreign.JsonAsync()).GetProperty("code").GetString());
        await AssertNothingSentAsync(host);
    }

    [Fact]
    public async Task TheNormalizedResponseShapeIsRefusedAsNotSimulated()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await AgentlessRequests.PostAsync(host, token, AgentlessRequests.Text("+15550810004", "hello"),
            "?useNormalizedMessage=true");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingSentAsync(host);
    }

    [Fact]
    public async Task TheTokensRateLimitAndInjectedFaultsApply()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:RequestsPerMinute"] = "1",
        });
        var token = await host.GetTokenAsync();
        using (var fault = await host.Client.PostJsonAsync("/sandbox/faults", new { path = AgentlessRequests.Path, status = 503, count = 1 }))
        {
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        }
        var body = AgentlessRequests.Text("+15550810005", "hello");

        using var faulted = await AgentlessRequests.PostAsync(host, token, body);
        using var sent = await AgentlessRequests.PostAsync(host, token, body);
        using var limited = await AgentlessRequests.PostAsync(host, token, body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("too.many.requests", (await limited.JsonAsync()).GetProperty("code").GetString());
    }

    private static async Task AssertNothingSentAsync(GenesysSandboxHost host)
    {
        Assert.Equal(0, (await host.Client.GetJsonAsync("/sandbox/conversations")).GetArrayLength());
        Assert.Empty(host.Receiver.Received);
    }
}
