using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.IntegrationTests.Alerting;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// The RCS token manager (auth-service's <c>/auth/rcs/token</c>) against the RCS simulator and the real Redis:
/// access token, then refresh token, then a new client-credentials grant; refused refresh tokens; one exchange per
/// tenant under a burst across both replicas; and a provider's 401/403 regenerating the token and retrying once.
/// </summary>
public sealed class RcsTokenTests(AppFixture fixture)
{
    private const string ClientCredentials = "client_credentials";
    private const string RefreshToken = "refresh_token";
    private const string Capable = "+15557010001";

    private readonly RcsHarness _rcs = new(fixture);

    [Fact]
    public async Task AccessTokenThenRefreshTokenThenANewGrant()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        await using var redis = await _rcs.RedisAsync();
        var db = redis.GetDatabase();

        var first = await _rcs.TokenAsync(tenant.Id, ct);
        var cached = await _rcs.TokenAsync(tenant.Id, ct);
        var firstRefresh = (string?)await db.StringGetAsync(TenancyKeys.RcsRefreshToken(tenant.Id));

        Assert.Equal(first.AccessToken, cached.AccessToken);
        Assert.NotNull(firstRefresh);
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));

        // The access token is gone: the refresh token is exchanged, and the provider's rotated one replaces it.
        await _rcs.InvalidateAsync(tenant.Id, first.AccessToken, ct);
        var refreshed = await _rcs.TokenAsync(tenant.Id, ct);
        var rotated = (string?)await db.StringGetAsync(TenancyKeys.RcsRefreshToken(tenant.Id));

        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.NotNull(rotated);
        Assert.NotEqual(firstRefresh, rotated);
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));

        // Both gone: a new client-credentials grant.
        await db.KeyDeleteAsync([TenancyKeys.RcsAccessToken(tenant.Id), TenancyKeys.RcsRefreshToken(tenant.Id)]);
        var regenerated = await _rcs.TokenAsync(tenant.Id, ct);

        Assert.Equal(2, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));
        Assert.True(await db.KeyExistsAsync(TenancyKeys.RcsRefreshToken(tenant.Id)));
        using var provider = Provider(regenerated.AccessToken);
        using var sent = await _rcs.SendTextAsync(provider, tenant, Capable, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task AnExpiredRefreshTokenFallsBackToTheClientCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct, refreshTokenLifetimeSeconds: 1);
        await using var redis = await _rcs.RedisAsync();
        var db = redis.GetDatabase();
        var first = await _rcs.TokenAsync(tenant.Id, ct);
        var refresh = (string?)await db.StringGetAsync(TenancyKeys.RcsRefreshToken(tenant.Id));
        Assert.NotNull(refresh);

        // Kept past its life (as with a provider whose clock runs ahead): the provider answers invalid_grant.
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        await db.StringSetAsync(TenancyKeys.RcsRefreshToken(tenant.Id), refresh);
        await _rcs.InvalidateAsync(tenant.Id, first.AccessToken, ct);
        var next = await _rcs.TokenAsync(tenant.Id, ct);

        Assert.NotEqual(first.AccessToken, next.AccessToken);
        Assert.Equal(0, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));
        Assert.Equal(2, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));
        Assert.NotEqual(refresh, (string?)await db.StringGetAsync(TenancyKeys.RcsRefreshToken(tenant.Id)));
        using var provider = Provider(next.AccessToken);
        using var sent = await _rcs.SendTextAsync(provider, tenant, Capable, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task RevokedTokensAreReplacedByANewGrant()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        var first = await _rcs.TokenAsync(tenant.Id, ct);

        await _rcs.ControlAsync(tenant, "tokens/revoke", ct);
        using (var refused = Provider(first.AccessToken))
        using (var response = await _rcs.SendTextAsync(refused, tenant, Capable, ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        await _rcs.InvalidateAsync(tenant.Id, first.AccessToken, ct);
        var next = await _rcs.TokenAsync(tenant.Id, ct);

        Assert.Equal(0, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));
        Assert.Equal(2, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));
        using var provider = Provider(next.AccessToken);
        using var sent = await _rcs.SendTextAsync(provider, tenant, Capable, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task AColdBurstAcrossTwoReplicasCausesOneExchangeAndALaterBurstOneRefresh()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(fixture.App.GetProcessIds(ServiceNames.AuthService).Count >= 2, "The AppHost must run two auth-service replicas.");
        var tenant = await _rcs.CreateTenantAsync(ct);

        var cold = await BurstAsync(tenant, ct);
        await _rcs.InvalidateAsync(tenant.Id, cold, ct);
        var warm = await BurstAsync(tenant, ct);

        Assert.NotEqual(cold, warm);
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));
        // One refresh, so the rotated refresh token was never presented twice (which would revoke the family).
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));
        using var provider = Provider(warm);
        using var sent = await _rcs.SendTextAsync(provider, tenant, Capable, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task A401Or403RegeneratesTheTokenAndRetriesOnceOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        using var provider = ManagedProvider(tenant.Id);

        (await _rcs.SendTextAsync(provider, tenant, Capable, ct)).EnsureSuccessStatusCode();

        // Expired at the provider (401): refreshed and retried.
        await _rcs.ControlAsync(tenant, "tokens/expire", ct);
        using (var afterExpiry = await _rcs.SendTextAsync(provider, tenant, Capable, ct))
        {
            Assert.Equal(HttpStatusCode.OK, afterExpiry.StatusCode);
        }
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));

        // Forbidden at the provider (403): refreshed and retried.
        await _rcs.ControlAsync(tenant, "tokens/forbid", ct);
        using (var afterForbid = await _rcs.SendTextAsync(provider, tenant, Capable, ct))
        {
            Assert.Equal(HttpStatusCode.OK, afterForbid.StatusCode);
        }
        Assert.Equal(2, await _rcs.ExchangesAsync(tenant, RefreshToken, ct));

        // Two 403s in a row: the one retry gets the second, and the caller sees it; the next send goes through.
        await _rcs.ControlAsync(tenant, "forbidden-sends", ct, new { count = 2 });
        using (var twice = await _rcs.SendTextAsync(provider, tenant, Capable, ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, twice.StatusCode);
        }
        using (var next = await _rcs.SendTextAsync(provider, tenant, Capable, ct))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }
        Assert.Equal(1, await _rcs.ExchangesAsync(tenant, ClientCredentials, ct));
    }

    [Fact]
    public async Task RejectedClientCredentialsAreA502CountedAsAnRcsTokenError()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        using (var changed = await _rcs.Simulator.PatchAsJsonAsync($"/sandbox/agents/{tenant.AgentId}", new { clientSecret = "rotated-at-the-provider" }, ct))
        {
            changed.EnsureSuccessStatusCode();
        }

        using var response = await _rcs.GetTokenAsync(tenant.Id, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var errors = await _rcs.Tenancy.AuthService().GetFromJsonAsync<TokenErrorsResponse>($"/admin/tenants/{tenant.Id}/token-errors", ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains($"The RCS provider rejected the OAuth client of tenant '{tenant.Id}'", body);
        Assert.DoesNotContain(tenant.ClientSecret, body);
        var rcs = Assert.Single(errors!.Providers, p => p.Provider == "rcs");
        Assert.Equal(1, rcs.LastDay);
        using var operatorApi = new GatewayHarness(fixture).Operator();
        var alert = await AlertQueries.WaitForAsync(operatorApi, $"/admin/alerts?state=open&tenantId={tenant.Id}",
            a => a.Rule == AlertRules.TokenFailing, ct);
        Assert.Equal("rcs", alert.Subject);
        Assert.StartsWith("RCS token failing", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantWithoutRcsGetsAClearConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.Tenancy.CreateTenantAsync(ct);

        using var response = await _rcs.GetTokenAsync(tenant.Id, ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no RCS configuration", await response.Content.ReadAsStringAsync(ct));
    }

    private async Task<string> BurstAsync(RcsTenant tenant, CancellationToken ct)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => _rcs.GetTokenAsync(tenant.Id, ct, replica: i % 2)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var tokens = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<AccessTokenResponse>(ct)));
        return Assert.Single(tokens.Select(t => t!.AccessToken).Distinct());
    }

    private HttpClient Provider(string accessToken)
    {
        var client = new HttpClient { BaseAddress = fixture.App.GetEndpoint(ServiceNames.RcsSandbox) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    // The client side rcs-api uses: tokens from the auth service, invalidated and retried once on 401/403.
    private HttpClient ManagedProvider(string tenantId)
    {
        var tokens = new RcsTokenProvider(new PlainHttpClientFactory(),
            Options.Create(new TokenProviderOptions { AuthServiceBaseAddress = fixture.App.GetEndpoint(ServiceNames.AuthService) }),
            TimeProvider.System, NullLogger<RcsTokenProvider>.Instance);
        return new HttpClient(new TenantScope(tenantId) { InnerHandler = new BearerTokenHandler(tokens, NullLogger<BearerTokenHandler>.Instance) { InnerHandler = new SocketsHttpHandler() } })
        {
            BaseAddress = fixture.App.GetEndpoint(ServiceNames.RcsSandbox),
        };
    }

    private sealed class TenantScope(string tenantId) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request.ForTenant(tenantId), cancellationToken);
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
