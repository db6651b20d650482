using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// What the RCS tests need: a tenant with an RCS agent of its own, registered at the RCS simulator with the same OAuth
/// client (so its counters and token controls concern that tenant alone), tokens from the auth service, and the
/// tenant's token keys in Redis.
/// </summary>
internal sealed class RcsHarness(AppFixture fixture)
{
    private readonly TenancyHarness _tenancy = new(fixture);

    public TenancyHarness Tenancy => _tenancy;

    public HttpClient Simulator => fixture.Client(ServiceNames.RcsSandbox);

    public async Task<RcsTenant> CreateTenantAsync(CancellationToken ct, int? accessTokenLifetimeSeconds = null, int? refreshTokenLifetimeSeconds = null)
    {
        var tenant = NewAgent(tenantId: null);
        await RegisterAsync(tenant, ct, accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds);

        using var admin = _tenancy.TenantService();
        var created = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(tenant.Id, $"RCS test {tenant.AgentId}",
            Rcs: new RcsConfigRequest(tenant.AgentId, tenant.ClientId, tenant.ClientSecret, tenant.WebhookToken)), ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return tenant;
    }

    /// <summary>
    /// Gives an existing tenant an RCS agent of its own (registered at the simulator) through
    /// <c>PUT /api/tenants/{id}/rcs</c>, linked with its WhatsApp or not; returns the agent and the settings as stored.
    /// </summary>
    public async Task<(RcsTenant Agent, RcsConfigResponse Settings)> AddRcsAsync(string tenantId, bool linkWithWhatsApp, CancellationToken ct)
    {
        var agent = NewAgent(tenantId);
        await RegisterAsync(agent, ct, null, null);
        using var admin = _tenancy.TenantService();
        using var response = await admin.PutAsJsonAsync($"/api/tenants/{tenantId}/rcs",
            new RcsConfigRequest(agent.AgentId, agent.ClientId, agent.ClientSecret, agent.WebhookToken, linkWithWhatsApp), ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        return (agent, (await response.Content.ReadFromJsonAsync<TenantResponse>(ct))!.Rcs!);
    }

    private static RcsTenant NewAgent(string? tenantId)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        return new RcsTenant(tenantId ?? $"it-rcs-{suffix}", $"it_agent_{suffix}", $"it-rcs-client-{suffix}", $"rcs-secret-{suffix}", $"rcs-token-{suffix}");
    }

    private async Task RegisterAsync(RcsTenant tenant, CancellationToken ct, int? accessTokenLifetimeSeconds, int? refreshTokenLifetimeSeconds)
    {
        using var register = await Simulator.PutAsJsonAsync($"/sandbox/agents/{tenant.AgentId}", new
        {
            clientId = tenant.ClientId,
            clientSecret = tenant.ClientSecret,
            webhookSecret = tenant.WebhookToken,
            accessTokenLifetimeSeconds,
            refreshTokenLifetimeSeconds,
        }, ct);
        register.EnsureSuccessStatusCode();
    }

    public Task<HttpResponseMessage> GetTokenAsync(string tenantId, CancellationToken ct, int replica = 0)
    {
        var auth = _tenancy.AuthService(replica);
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/rcs/token");
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        return auth.SendAsync(request, ct);
    }

    public async Task<AccessTokenResponse> TokenAsync(string tenantId, CancellationToken ct)
    {
        using var response = await GetTokenAsync(tenantId, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        return (await response.Content.ReadFromJsonAsync<AccessTokenResponse>(ct))!;
    }

    /// <summary>How many exchanges of one grant type the simulator answered for the tenant's OAuth client.</summary>
    public async Task<long> ExchangesAsync(RcsTenant tenant, string grantType, CancellationToken ct)
    {
        var counters = await Simulator.GetFromJsonAsync<JsonObject>("/sandbox/counters", ct);
        return counters!["tokenExchangesByClientAndGrantType"]?[$"{tenant.ClientId}:{grantType}"]?.GetValue<long>() ?? 0;
    }

    public async Task<ConnectionMultiplexer> RedisAsync() =>
        await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync(ResourceNames.Redis));

    public async Task InvalidateAsync(string tenantId, string? rejectedToken, CancellationToken ct)
    {
        var auth = _tenancy.AuthService();
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/rcs/token/invalidate") { Content = JsonContent.Create(new InvalidateTokenRequest(rejectedToken)) };
        request.Headers.Add(TenancyHeaders.TenantId, tenantId);
        using var response = await auth.SendAsync(request, ct);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>A text message straight to the simulator with <paramref name="token"/>, as rcs-api sends it.</summary>
    public Task<HttpResponseMessage> SendTextAsync(HttpClient provider, RcsTenant tenant, string msisdn, CancellationToken ct) =>
        provider.PostAsJsonAsync(
            $"/v1/phones/{Uri.EscapeDataString(msisdn)}/agentMessages?messageId={Guid.NewGuid()}&agentId={tenant.AgentId}",
            new { contentMessage = new { text = "hello" } }, ct);

    public async Task ControlAsync(RcsTenant tenant, string action, CancellationToken ct, object? body = null)
    {
        using var response = await Simulator.PostAsJsonAsync($"/sandbox/agents/{tenant.AgentId}/{action}", body ?? new { }, ct);
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record RcsTenant(string Id, string AgentId, string ClientId, string ClientSecret, string WebhookToken);
