using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>
/// Clients of the gateway as the outside world sees it. Each client can come from its own (documentation-range)
/// IP address through X-Forwarded-For, which the gateway trusts from loopback like from a load balancer, so tests
/// that exhaust a per-IP rate limit never share a bucket with other tests.
/// </summary>
internal sealed class GatewayHarness(AppFixture fixture)
{
    /// <summary>The operator key the AppHost gave the gateway (read from its process environment, not copied into the tests).</summary>
    public string AdminApiKey =>
        ProcessEnvironment.Read(fixture.App.GetProcessIds(ServiceNames.ApiGateway)[0]).TryGetValue("Gateway__AdminApiKey", out var key)
            ? key
            : throw new InvalidOperationException("The AppHost must pass Gateway__AdminApiKey to the gateway.");

    public Uri BaseAddress => fixture.App.GetEndpoint(ServiceNames.ApiGateway);

    /// <summary>A client of the gateway; <paramref name="apiKey"/> in X-Api-Key when given; its own client IP unless told otherwise.</summary>
    public HttpClient Client(string? apiKey = null, string? clientIp = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(TenancyHeaders.ApiKey, apiKey);
        }
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp ?? NewClientIp());
        return client;
    }

    public HttpClient Operator(string? clientIp = null) => Client(AdminApiKey, clientIp);

    /// <summary>An address of 2001:db8::/32 (documentation range) that no other test uses.</summary>
    public static string NewClientIp()
    {
        byte[] address = [0x20, 0x01, 0x0d, 0xb8, .. RandomNumberGenerator.GetBytes(12)];
        return new IPAddress(address).ToString();
    }

    /// <summary>Creates a tenant through the gateway with the operator key; returns its id.</summary>
    public async Task<string> CreateTenantAsync(CancellationToken ct)
    {
        var id = $"gw-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        using var admin = Operator();
        using var response = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(id, $"Gateway test {id}"), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>Creates an API key for the tenant through the gateway; the response is the only time the key is shown.</summary>
    public async Task<CreatedApiKeyResponse> CreateApiKeyAsync(string tenantId, CancellationToken ct, string? asKey = null)
    {
        using var client = asKey is null ? Operator() : Client(asKey);
        using var response = await client.PostAsJsonAsync($"/api/tenants/{tenantId}/api-keys", new CreateApiKeyRequest("gateway-test"), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ct))!;
    }

    /// <summary>A tenant with its own key.</summary>
    public async Task<(string TenantId, string ApiKey)> CreateTenantWithKeyAsync(CancellationToken ct)
    {
        var tenantId = await CreateTenantAsync(ct);
        return (tenantId, (await CreateApiKeyAsync(tenantId, ct)).ApiKey);
    }
}
