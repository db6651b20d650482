using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

/// <summary>
/// A tenant's token errors, as the operator console reads them through the gateway: a token Genesys would not issue
/// (wrong client secret) and a WhatsApp token Meta refused, each counted once per failure, never across tenants.
/// </summary>
public sealed class TokenErrorTests(AppFixture fixture)
{
    private readonly TenancyHarness _tenancy = new(fixture);
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task RefusedCredentialsAndRefusedTokensAreCountedPerTenantWithTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        var broken = await _tenancy.CreateTenantAsync(ct, secretAtGenesys: "what-genesys-really-has");
        var healthy = await _tenancy.CreateTenantAsync(ct);
        using var auth = _tenancy.AuthService();

        Assert.Equal(HttpStatusCode.BadGateway, (await auth.SendAsync(Get("/auth/token", broken.Id), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auth.SendAsync(Get("/auth/token", healthy.Id), ct)).StatusCode);
        // Meta refused the WhatsApp token: three callers that saw the same token report it, one error is counted.
        var whatsApp = await (await auth.SendAsync(Get("/auth/whatsapp/token", broken.Id), ct)).Content.ReadFromJsonAsync<AccessTokenResponse>(ct);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var invalidate = Post("/auth/whatsapp/token/invalidate", broken.Id, new InvalidateTokenRequest(whatsApp!.AccessToken));
            Assert.Equal(HttpStatusCode.NoContent, (await auth.SendAsync(invalidate, ct)).StatusCode);
        }

        var errors = await ReadAsync(broken.Id, ct);
        var genesys = Assert.Single(errors.Providers, p => p.Provider == "genesys");
        Assert.Equal(1, genesys.LastDay);
        Assert.Contains("rejected the OAuth client credentials", genesys.LastReason);
        Assert.DoesNotContain(broken.ClientSecret, genesys.LastReason);
        Assert.True(genesys.LastAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        var meta = Assert.Single(errors.Providers, p => p.Provider == "whatsapp");
        Assert.Equal(1, meta.LastDay);
        Assert.Contains("refused", meta.LastReason);

        Assert.All((await ReadAsync(healthy.Id, ct)).Providers, p => Assert.Equal((0L, (DateTimeOffset?)null), (p.LastDay, p.LastAt)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client().GetAsync($"/admin/tenants/{broken.Id}/token-errors", ct)).StatusCode);
    }

    private async Task<TokenErrorsResponse> ReadAsync(string tenantId, CancellationToken ct)
    {
        using var client = _gateway.Operator();
        return (await client.GetFromJsonAsync<TokenErrorsResponse>($"/admin/tenants/{tenantId}/token-errors", ct))!;
    }

    private static HttpRequestMessage Get(string path, string tenantId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        return request;
    }

    private static HttpRequestMessage Post(string path, string tenantId, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        return request;
    }
}
