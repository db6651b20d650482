using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

// The token states a caller must survive on a send: 401 means "get a new token", 403 means "this token may not do
// that" (the caller regenerates and retries once).
public sealed class TokenStateTests
{
    private const string Number = "+15551240000";

    [Fact]
    public async Task ATokenRevokedAtTheRevocationEndpointIsRejectedWith401()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var access = await host.GetAccessTokenAsync();

        using var revoke = await host.RequestTokenAsync([new("token", access)], path: "/oauth2/revoke");
        using var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        Assert.Contains("invalid_token", send.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingAnUnknownTokenStillAnswers200ButABadClientDoesNot()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var unknown = await host.RequestTokenAsync([new("token", "never-issued")], path: "/oauth2/revoke");
        using var badClient = await host.RequestTokenAsync([new("token", "never-issued")], secret: "wrong", path: "/oauth2/revoke");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badClient.StatusCode);
    }

    [Fact]
    public async Task RevokingARefreshTokenEndsTheAccessTokensIssuedWithIt()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var (access, refresh) = await host.GetTokensAsync();

        (await host.RequestTokenAsync([new("token", refresh)], path: "/oauth2/revoke")).Dispose();
        using var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);

        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task AMissingOrUnknownTokenIs401(string? token)
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), token);

        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        Assert.Equal("Bearer", send.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ControlRevokeAndExpireEndTheAgentsTokens()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var revokedToken = await host.GetAccessTokenAsync();
        var revoked = await host.PostJsonOkAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}/tokens/revoke", new { });
        var (expiredToken, refresh) = await host.GetTokensAsync();
        var expired = await host.PostJsonOkAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}/tokens/expire", new { });

        Assert.Equal(2, revoked.GetProperty("revoked").GetInt32());
        Assert.Equal(1, expired.GetProperty("expired").GetInt32());
        using (var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), revokedToken))
        {
            await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        }
        using (var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), expiredToken))
        {
            await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
        }
        // Expiring access tokens leaves the refresh token usable.
        using var refreshed = await host.RequestTokenAsync(RcsSandboxHost.Refresh(refresh));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    [Fact]
    public async Task AnAccessTokenPastItsLifetimeIs401()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var access = await host.GetAccessTokenAsync();

        host.Time.Advance(TimeSpan.FromSeconds(3601));
        using var send = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);

        await GoogleErrorAssert.IsAsync(send, 401, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task AForbiddenTokenIs403UntilTheCallerGetsANewOne()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var access = await host.GetAccessTokenAsync();

        var forbid = await host.PostJsonOkAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}/tokens/forbid", new { });
        using var first = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);
        using var again = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);
        using var retried = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), await host.GetAccessTokenAsync());

        Assert.Equal(1, forbid.GetProperty("forbidden").GetInt32());
        await GoogleErrorAssert.IsAsync(first, 403, "PERMISSION_DENIED");
        await GoogleErrorAssert.IsAsync(again, 403, "PERMISSION_DENIED");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task ForcedForbiddenSendsAnswer403ExactlyNTimes()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var access = await host.GetAccessTokenAsync();

        await host.PostJsonOkAsync($"/sandbox/agents/{RcsSandboxHost.AgentId}/forbidden-sends", new { count = 1 });
        using var first = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), access);
        using var retry = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), await host.GetAccessTokenAsync());

        await GoogleErrorAssert.IsAsync(first, 403, "PERMISSION_DENIED");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var counters = await host.GetJsonAsync("/sandbox/counters");
        Assert.Equal(1, counters.GetProperty("forcedForbidden").GetInt32());
        Assert.Equal(1, counters.GetProperty("apiErrorsByStatus").GetProperty("403").GetInt32());
    }

    [Fact]
    public async Task ATokenOfOneAgentCannotSendForAnother()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await OAuthTokenTests.RegisterSecondAgentAsync(host);
        var secondToken = await host.GetAccessTokenAsync("second-client", "second-secret");

        using var foreign = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), secondToken, agentId: RcsSandboxHost.AgentId);
        using var unknown = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), secondToken, agentId: "no_such_agent");
        using var own = await host.SendAsync(Number, RcsSandboxHost.Text("hi"), secondToken, agentId: "second_agent");

        await GoogleErrorAssert.IsAsync(foreign, 403, "PERMISSION_DENIED");
        await GoogleErrorAssert.IsAsync(unknown, 403, "PERMISSION_DENIED");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
