using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

public sealed class GenesysTokenTests(AppFixture fixture)
{
    private readonly TenancyHarness _harness = new(fixture);

    [Fact]
    public async Task ColdBurstAcrossTwoReplicasCausesExactlyOneExchange()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(fixture.App.GetProcessIds(ServiceNames.AuthService).Count >= 2, "The AppHost must run two auth-service replicas.");
        var tenant = await _harness.CreateTenantAsync(ct);
        using var replicaA = _harness.AuthService(0);
        using var replicaB = _harness.AuthService(1);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => GetTokenAsync(i % 2 == 0 ? replicaA : replicaB, tenant.Id, ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var tokens = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<AccessTokenResponse>(ct)));
        Assert.Single(tokens.Select(t => t!.AccessToken).Distinct());
        Assert.Equal(1, await _harness.ExchangeCountAsync(tenant.ClientId, ct));
    }

    [Fact]
    public async Task WrongClientSecretYieldsAClearErrorWithoutSecretOrStackTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct, secretAtGenesys: "the-secret-genesys-really-has");
        using var auth = _harness.AuthService();

        var response = await GetTokenAsync(auth, tenant.Id, ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(ct);
        Assert.Contains($"Genesys rejected the OAuth client credentials for tenant '{tenant.Id}'", problem!.Detail);
        Assert.DoesNotContain(tenant.ClientSecret, body);
        Assert.DoesNotContain("   at ", body);
        Assert.Equal(0, await _harness.ExchangeCountAsync(tenant.ClientId, ct));
    }

    [Fact]
    public async Task TokenIsReplacedWhenItExpires()
    {
        var ct = TestContext.Current.CancellationToken;
        // A 4 s token is cached for half its life, so the auth service must fetch a new one after 2 s.
        var tenant = await _harness.CreateTenantAsync(ct, tokenLifetimeSeconds: 4);
        using var auth = _harness.AuthService();

        var first = await (await GetTokenAsync(auth, tenant.Id, ct)).Content.ReadFromJsonAsync<AccessTokenResponse>(ct);
        var again = await (await GetTokenAsync(auth, tenant.Id, ct)).Content.ReadFromJsonAsync<AccessTokenResponse>(ct);
        await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
        var later = await (await GetTokenAsync(auth, tenant.Id, ct)).Content.ReadFromJsonAsync<AccessTokenResponse>(ct);

        Assert.Equal(first!.AccessToken, again!.AccessToken);
        Assert.NotEqual(first.AccessToken, later!.AccessToken);
        Assert.True(later.ExpiresAt > first.ExpiresAt);
        Assert.Equal(2, await _harness.ExchangeCountAsync(tenant.ClientId, ct));
    }

    [Fact]
    public async Task TokenRejectedByGenesysIsRegeneratedAndTheCallRetriedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _harness.CreateTenantAsync(ct);
        var tokens = new GenesysTokenProvider(new PlainHttpClientFactory(),
            Options.Create(new TokenProviderOptions { AuthServiceBaseAddress = fixture.App.GetEndpoint(ServiceNames.AuthService) }),
            TimeProvider.System, NullLogger<GenesysTokenProvider>.Instance);
        using var genesys = new HttpClient(new BearerTokenHandler(tokens, NullLogger<BearerTokenHandler>.Instance)
        {
            InnerHandler = new SocketsHttpHandler(),
        })
        { BaseAddress = fixture.App.GetEndpoint(ServiceNames.GenesysSandbox) };

        (await SendInboundMessageAsync(genesys, tenant, "first", ct)).EnsureSuccessStatusCode();
        // Genesys revokes every token of the client (as on a credential change or expiry): the next call gets 401.
        (await _harness.GenesysSandbox().PostAsJsonAsync("/sandbox/tokens/expire", new { clientId = tenant.ClientId }, ct)).EnsureSuccessStatusCode();

        var retried = await SendInboundMessageAsync(genesys, tenant, "second", ct);

        Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync(ct));
        Assert.Equal(2, await _harness.ExchangeCountAsync(tenant.ClientId, ct));
    }

    private static Task<HttpResponseMessage> SendInboundMessageAsync(HttpClient genesys, TestTenant tenant, string text, CancellationToken ct) =>
        genesys.SendAsync(new HttpRequestMessage(HttpMethod.Post,
            $"/api/v2/conversations/messages/{tenant.IntegrationId}/inbound/open/message")
        {
            Content = JsonContent.Create(new
            {
                channel = new
                {
                    from = new { id = "+15550109999", idType = "Phone", firstName = "Test" },
                    messageId = $"wamid.{Guid.NewGuid():N}",
                    time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
                },
                text,
            }),
        }.ForTenant(tenant.Id), ct);

    private static Task<HttpResponseMessage> GetTokenAsync(HttpClient auth, string tenantId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/token");
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        return auth.SendAsync(request, ct);
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
