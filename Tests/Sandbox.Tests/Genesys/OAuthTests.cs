using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class OAuthTests
{
    [Fact]
    public async Task ClientCredentialsWithTheSandboxClientReturnABearerToken()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(86400, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task AWrongSecretIsRejectedWithTheLoginHostsInvalidClientError()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, "not-the-secret");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("authentication failed", body.GetProperty("description").GetString());
        Assert.Equal("authentication failed", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task AnUnknownClientIsRejectedAsClientNotFound()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync("no-such-client", GenesysSandboxHost.ClientSecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("client not found", body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AGrantTypeOtherThanClientCredentialsIsRejected()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(GenesysSandboxHost.ClientId, GenesysSandboxHost.ClientSecret, "password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ATokenRequestWithoutBasicAuthenticationIsRejected()
    {
        await using var host = await GenesysSandboxHost.StartAsync();

        using var response = await host.Client.PostAsync("/oauth/token",
            new FormUrlEncodedContent([new("grant_type", "client_credentials")]), HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenExchangesAreCountedPerClientAndRejectedOnesAreNot()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        await RegisterAsync(host, "second-integration-id", "second-client", "second-secret");

        for (var i = 0; i < 3; i++)
        {
            await host.GetTokenAsync();
        }
        await host.GetTokenAsync("second-client", "second-secret");
        (await host.RequestTokenAsync(GenesysSandboxHost.ClientId, "wrong")).Dispose();

        var counters = await host.GetCountersAsync();
        var byClient = counters.GetProperty("tokenExchangesByClient");
        Assert.Equal(3, byClient.GetProperty(GenesysSandboxHost.ClientId).GetInt32());
        Assert.Equal(1, byClient.GetProperty("second-client").GetInt32());
        Assert.Equal(4, counters.GetProperty("tokenExchanges").GetInt32());
        var single = await host.Client.GetJsonAsync($"/sandbox/counters/token-exchanges/{GenesysSandboxHost.ClientId}");
        Assert.Equal(3, single.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ATokenPastItsLifetimeIsAnsweredWithCredentialsExpired()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:TokenLifetimeSeconds"] = "300",
        });
        var token = await host.GetTokenAsync();
        using (var fresh = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi")))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(301));
        using var expired = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var body = await expired.JsonAsync();
        Assert.Equal("credentials.expired", body.GetProperty("code").GetString());
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AShortPerClientLifetimeIsReportedInExpiresIn()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        await RegisterAsync(host, "short-lived-integration", "short-client", "short-secret", tokenLifetimeSeconds: 2);

        using var response = await host.RequestTokenAsync("short-client", "short-secret");

        Assert.Equal(2, (await response.JsonAsync()).GetProperty("expires_in").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("made-up-token")]
    public async Task AMissingOrUnknownBearerTokenIsAnsweredWithAuthenticationRequired(string? token)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/v2/conversations/messages/{GenesysSandboxHost.IntegrationId}/inbound/open/message")
        {
            Content = new StringContent(GenesysSandboxHost.TextMessage("+15550001", "hi"), System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await host.Client.SendAsync(request, HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("authentication.required", body.GetProperty("code").GetString());
        Assert.Equal("No authentication bearer token specified in authorization header.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ExpiringTokensThroughTheControlApiMakesTheNextCallFailWithCredentialsExpired()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using (var expire = await host.Client.PostJsonAsync("/sandbox/tokens/expire", new { clientId = GenesysSandboxHost.ClientId }))
        {
            Assert.Equal(1, (await expire.JsonAsync()).GetProperty("expired").GetInt32());
        }
        using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"));

        Assert.Equal("credentials.expired", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    internal static async Task RegisterAsync(GenesysSandboxHost host, string integrationId, string clientId, string clientSecret,
        string? webhookUrl = null, int? tokenLifetimeSeconds = null)
    {
        using var response = await host.Client.PostJsonAsync("/sandbox/integrations", new
        {
            integrationId,
            webhookUrl = webhookUrl ?? host.Receiver.HookUrl,
            webhookSecret = "secret-of-" + integrationId,
            clientId,
            clientSecret,
            tokenLifetimeSeconds,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
