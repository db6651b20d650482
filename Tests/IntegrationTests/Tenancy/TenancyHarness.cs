using System.Net.Http.Json;
using System.Security.Cryptography;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

/// <summary>
/// What the tenancy tests need from the running system: the operator key and encryption settings the AppHost gave
/// the tenant service (read from its process environment, so the tests carry no copy of them), fresh tenants with
/// their own identifiers, and the Genesys simulator's per-client exchange counter.
/// </summary>
internal sealed class TenancyHarness(AppFixture fixture)
{
    public AppFixture Fixture => fixture;

    public IReadOnlyDictionary<string, string> TenantServiceEnvironment =>
        ProcessEnvironment.Read(fixture.App.GetProcessIds(ServiceNames.TenantService)[0]);

    public string AdminApiKey => Setting("TenantService:AdminApiKey")
        ?? throw new InvalidOperationException("The AppHost must set TenantService:AdminApiKey for the tenant service.");

    public string? Setting(string key) =>
        TenantServiceEnvironment.TryGetValue(key.Replace(":", "__", StringComparison.Ordinal), out var value) ? value : null;

    /// <summary>A client of the tenant service (replica <paramref name="replica"/>) authenticated with <paramref name="apiKey"/>.</summary>
    public HttpClient TenantService(string? apiKey = null, int replica = 0)
    {
        var client = fixture.App.CreateHttpClient(ServiceNames.TenantService, replica);
        client.DefaultRequestHeaders.Add(TenancyHeaders.ApiKey, apiKey ?? AdminApiKey);
        return client;
    }

    public HttpClient AuthService(int replica = 0) => fixture.App.CreateHttpClient(ServiceNames.AuthService, replica);

    public HttpClient GenesysSandbox() => fixture.Client(ServiceNames.GenesysSandbox);

    /// <summary>
    /// Creates a tenant with unique identifiers and registers its Open Messaging integration and OAuth client at the
    /// Genesys simulator. <paramref name="secretAtGenesys"/> differing from the tenant's secret simulates a wrong secret.
    /// </summary>
    public async Task<TestTenant> CreateTenantAsync(CancellationToken ct, string? secretAtGenesys = null, int? tokenLifetimeSeconds = null)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var tenant = new TestTenant(
            Id: $"it-{suffix}",
            PhoneNumberId: RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString() + "7",
            IntegrationId: Guid.NewGuid().ToString(),
            ClientId: $"it-client-{suffix}",
            ClientSecret: $"genesys-secret-{suffix}",
            AccessToken: $"meta-token-{suffix}",
            AppSecret: $"meta-app-secret-{suffix}",
            WebhookSecret: $"genesys-webhook-{suffix}");

        var register = await GenesysSandbox().PostAsJsonAsync("/sandbox/integrations", new
        {
            integrationId = tenant.IntegrationId,
            clientId = tenant.ClientId,
            clientSecret = secretAtGenesys ?? tenant.ClientSecret,
            webhookSecret = tenant.WebhookSecret,
            tokenLifetimeSeconds,
        }, ct);
        register.EnsureSuccessStatusCode();

        using var admin = TenantService();
        var created = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(
            tenant.Id,
            $"Integration test {suffix}",
            new WhatsAppConfigRequest("102290129340398", [tenant.PhoneNumberId], "+15550100000", "v23.0",
                tenant.AccessToken, tenant.AppSecret, $"verify-{suffix}"),
            new GenesysConfigRequest("mypurecloud.com", tenant.ClientId, tenant.IntegrationId, tenant.ClientSecret, tenant.WebhookSecret)), ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return tenant;
    }

    public async Task<string> CreateApiKeyAsync(string tenantId, CancellationToken ct)
    {
        using var admin = TenantService();
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenantId}/api-keys", new CreateApiKeyRequest("integration-test"), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResponse>(ct))!.ApiKey;
    }

    /// <summary>How many client-credentials exchanges the Genesys simulator has answered for this OAuth client.</summary>
    public async Task<int> ExchangeCountAsync(string clientId, CancellationToken ct)
    {
        var counter = await GenesysSandbox().GetFromJsonAsync<ExchangeCount>($"/sandbox/counters/token-exchanges/{clientId}", ct);
        return counter!.Count;
    }

    private sealed record ExchangeCount(string ClientId, int Count);
}

internal sealed record TestTenant(
    string Id,
    string PhoneNumberId,
    string IntegrationId,
    string ClientId,
    string ClientSecret,
    string AccessToken,
    string AppSecret,
    string WebhookSecret)
{
    public IEnumerable<string> Secrets => [ClientSecret, AccessToken, AppSecret, WebhookSecret];
}
