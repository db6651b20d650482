using System.Net;
using System.Net.Http.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class ControlApiTests
{
    [Fact]
    public async Task InfoDescribesTheSandboxTenantWithItsDocumentedPublicValues()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        var info = await host.Client.GetJsonAsync("/sandbox/info");

        Assert.Equal("mypurecloud.com", info.GetProperty("regionDomain").GetString());
        Assert.Equal("https://login.mypurecloud.com", info.GetProperty("loginBaseUrl").GetString());
        Assert.Equal(GenesysSandboxHost.IntegrationId, info.GetProperty("integrationId").GetString());
        Assert.Equal(GenesysSandboxHost.ClientId, info.GetProperty("clientId").GetString());
        Assert.Equal(GenesysSandboxHost.ClientSecret, info.GetProperty("clientSecret").GetString());
        Assert.Equal(GenesysSandboxHost.WebhookSecret, info.GetProperty("webhookSecret").GetString());
        Assert.Equal(host.Receiver.HookUrl, info.GetProperty("webhookUrl").GetString());
    }

    [Fact]
    public async Task InfoNeverEchoesASecretOtherThanTheDocumentedSandboxDefaults()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:ClientSecret"] = "a-real-looking-secret",
            ["GenesysSandbox:WebhookSecret"] = "another-real-looking-secret",
        });

        var info = await host.Client.GetStringAsync("/sandbox/info", HttpTestExtensions.Ct);

        Assert.DoesNotContain("a-real-looking-secret", info);
        Assert.DoesNotContain("another-real-looking-secret", info);
    }

    [Fact]
    public async Task AnInjectedFaultAnswersInGenesysErrorShapeForItsCountThenClears()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        using (var add = await host.Client.PostJsonAsync("/sandbox/faults",
            new { path = "/api/v2/conversations/messages/*", status = 503, count = 2 }))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }
        var message = GenesysSandboxHost.TextMessage("+15550001", "hi");

        using var first = await host.PostInboundAsync(token, "message", message);
        using var second = await host.PostInboundAsync(token, "message", message);
        using var third = await host.PostInboundAsync(token, "message", message);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        var body = await first.JsonAsync();
        Assert.Equal("service.unavailable", body.GetProperty("code").GetString());
        Assert.Equal(503, body.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, (await host.GetCountersAsync()).GetProperty("faultsInjected").GetInt32());
    }

    [Fact]
    public async Task A429FaultCarriesRetryAfterAndDeleteRemovesEveryFault()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using (await host.Client.PostJsonAsync("/sandbox/faults", new { path = "/oauth/token", status = 429, retryAfterSeconds = 7 }))
        {
        }

        using var limited = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret);
        using (await host.Client.DeleteAsync("/sandbox/faults", HttpTestExtensions.Ct))
        {
        }
        using var cleared = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("too.many.requests", (await limited.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(1, (await host.GetCountersAsync()).GetProperty("tokenExchanges").GetInt32());
    }

    [Fact]
    public async Task ResetForgetsConversationsTokensAndCountersButKeepsIntegrations()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        await host.StartConversationAsync(token, "+15550001");

        using (await host.Client.PostAsync("/sandbox/reset", null, HttpTestExtensions.Ct))
        {
        }
        using var oldToken = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(0, (await host.Client.GetJsonAsync("/sandbox/conversations")).GetArrayLength());
        Assert.Equal(0, (await host.GetCountersAsync()).GetProperty("tokenExchanges").GetInt32());
        Assert.NotEmpty(await host.GetTokenAsync());
    }

    [Fact]
    public async Task SettingsCanBeChangedAtRunTime()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var patch = await host.Client.PatchAsJsonAsync("/sandbox/settings",
            new { tokenLifetimeSeconds = 120, webhookMaxRetries = 2 }, HttpTestExtensions.Ct);
        using var token = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret);

        var settings = await patch.JsonAsync();
        Assert.Equal(120, settings.GetProperty("tokenLifetimeSeconds").GetInt32());
        Assert.Equal(2, settings.GetProperty("webhookMaxRetries").GetInt32());
        Assert.Equal(120, (await token.JsonAsync()).GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task HealthAndAlivenessEndpointsAnswerHealthy()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        foreach (var path in new[] { "/health", "/alive" })
        {
            using var report = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync(path, HttpTestExtensions.Ct));
            Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        }
    }
}
