using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

public sealed class OAuthTokenTests
{
    [Fact]
    public async Task ClientCredentialsGiveABearerTokenWithARefreshToken()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(86400, json.GetProperty("refresh_token_expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("access_token").GetString()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("refresh_token").GetString()));
        Assert.NotEqual(json.GetProperty("access_token").GetString(), json.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task RefreshGrantRotatesBothTokensAndTheOldRefreshTokenStopsWorking()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var (access, refresh) = await host.GetTokensAsync();

        using var refreshed = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));
        var json = await refreshed.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var newAccess = json.GetProperty("access_token").GetString()!;
        var newRefresh = json.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(access, newAccess);
        Assert.NotEqual(refresh, newRefresh);
        // The new token sends; so does the old access token until it expires.
        using (var send = await host.SendAsync("+15551230001", RcsSandboxHost.Text("hi"), newAccess))
        {
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        }
        using (var send = await host.SendAsync("+15551230001", RcsSandboxHost.Text("hi"), access))
        {
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        }
        using var replay = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));
        await AssertInvalidGrantAsync(replay);
    }

    [Fact]
    public async Task ReplayingARotatedRefreshTokenRevokesTheWholeFamily()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var (_, refresh) = await host.GetTokensAsync();
        using var first = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));
        var rotated = await first.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);

        using var replay = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));
        await AssertInvalidGrantAsync(replay);

        // RFC 9700 §4.14.2: the tokens that descended from the replayed one are revoked too.
        using var send = await host.SendAsync("+15551230002", RcsSandboxHost.Text("hi"), rotated.GetProperty("access_token").GetString());
        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        using var refreshAgain = await host.RequestTokenAsync(RcsSandboxHost.Refresh(rotated.GetProperty("refresh_token").GetString()!));
        await AssertInvalidGrantAsync(refreshAgain);
    }

    [Fact]
    public async Task AnExpiredRefreshTokenIsAnInvalidGrant()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PatchAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}", new { refreshTokenLifetimeSeconds = 60 });
        var (_, refresh) = await host.GetTokensAsync();

        host.Time.Advance(TimeSpan.FromSeconds(61));
        using var response = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));

        var json = await AssertInvalidGrantAsync(response);
        Assert.Contains("expired", json.GetProperty("error_description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("revoked")]
    [InlineData("other-client")]
    public async Task AnUnusableRefreshTokenIsAnInvalidGrant(string kind)
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await RegisterSecondAgentAsync(host);
        var (_, refresh) = await host.GetTokensAsync();
        switch (kind)
        {
            case "unknown":
                refresh = "rcs_rt_made_up";
                break;
            case "revoked":
                using (var revoke = await host.RequestTokenAsync([new("token", refresh)], path: "/oauth2/revoke"))
                {
                    Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
                }
                break;
            default:
                refresh = (await host.GetTokensAsync("second-client", "second-secret")).Refresh;
                break;
        }

        using var response = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));

        await AssertInvalidGrantAsync(response);
    }

    [Theory]
    [InlineData(RcsSandboxHost.ClientId, "wrong-secret")]
    [InlineData("no-such-client", RcsSandboxHost.ClientSecret)]
    [InlineData(null, null)]
    public async Task ABadClientIsRejectedWith401InvalidClient(string? clientId, string? secret)
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var response = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials, clientId, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUnsupportedOrMissingGrantTypeIsA400()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var password = await host.RequestTokenAsync([new("grant_type", "password")]);
        using var missing = await host.RequestTokenAsync([new("scope", "x")]);
        using var noRefreshToken = await host.RequestTokenAsync([new("grant_type", "refresh_token")]);

        Assert.Equal("unsupported_grant_type", (await ErrorAsync(password, 400)).GetProperty("error").GetString());
        Assert.Equal("invalid_request", (await ErrorAsync(missing, 400)).GetProperty("error").GetString());
        Assert.Equal("invalid_request", (await ErrorAsync(noRefreshToken, 400)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task PerAgentLifetimesFromTheControlApiAreReportedAndEnforced()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PatchAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}", new { accessTokenLifetimeSeconds = 5, refreshTokenLifetimeSeconds = 30 });

        using var response = await host.RequestTokenAsync(RcsSandboxHost.ClientCredentials);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.Equal(5, json.GetProperty("expires_in").GetInt32());
        Assert.Equal(30, json.GetProperty("refresh_token_expires_in").GetInt32());

        host.Time.Advance(TimeSpan.FromSeconds(6));
        using var send = await host.SendAsync("+15551230003", RcsSandboxHost.Text("hi"), json.GetProperty("access_token").GetString());
        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        // The refresh token outlives the access token: the caller gets a new one without client_credentials.
        using var refreshed = await host.RequestTokenAsync(RcsSandboxHost.Refresh(json.GetProperty("refresh_token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task TokenExchangesAreCountedByGrantTypeAndClient()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var (_, refresh) = await host.GetTokensAsync();
        await host.GetTokensAsync();
        (await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh))).Dispose();
        (await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh))).Dispose();

        var counters = await host.GetJsonAsync("/sandbox/counters");

        Assert.Equal(2, counters.GetProperty("tokenExchangesByGrantType").GetProperty("client_credentials").GetInt32());
        Assert.Equal(1, counters.GetProperty("tokenExchangesByGrantType").GetProperty("refresh_token").GetInt32());
        Assert.Equal(3, counters.GetProperty("tokenExchangesByClient").GetProperty(RcsSandboxHost.ClientId).GetInt32());
        var byClientAndGrant = counters.GetProperty("tokenExchangesByClientAndGrantType");
        Assert.Equal(2, byClientAndGrant.GetProperty($"{RcsSandboxHost.ClientId}:client_credentials").GetInt32());
        Assert.Equal(1, byClientAndGrant.GetProperty($"{RcsSandboxHost.ClientId}:refresh_token").GetInt32());
        Assert.Equal(3, counters.GetProperty("tokenExchanges").GetInt32());
        Assert.Equal(1, counters.GetProperty("tokenRequestsRejected").GetInt32());
    }

    internal static async Task RegisterSecondAgentAsync(RcsSandboxHost host, string? webhookUrl = null)
    {
        using var response = await host.Client.PutAsJsonAsync("/sandbox/agents/second_agent", new
        {
            clientId = "second-client",
            clientSecret = "second-secret",
            webhookSecret = "second-client-token",
            webhookUrl,
        }, RcsSandboxHost.Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonElement> AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        var json = await ErrorAsync(response, 400);
        Assert.Equal("invalid_grant", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        return json;
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(RcsSandboxHost.Ct);
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
