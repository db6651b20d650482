using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>A tenant's RCS credentials in the tenant service: set through its API, encrypted at rest, read back only by auth-service.</summary>
public sealed class RcsCredentialsTests(AppFixture fixture)
{
    private readonly RcsHarness _rcs = new(fixture);

    [Fact]
    public async Task SecretsAreEncryptedAtRestAndReadsShowOnlyWhetherTheyAreSet()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        using var admin = _rcs.Tenancy.TenantService();

        var json = await admin.GetStringAsync($"/api/tenants/{tenant.Id}", ct);
        var read = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{tenant.Id}", ct);

        Assert.DoesNotContain(tenant.ClientSecret, json);
        Assert.DoesNotContain(tenant.WebhookToken, json);
        Assert.Equal((tenant.AgentId, tenant.ClientId, true, true),
            (read!.Rcs!.AgentId, read.Rcs.ClientId, read.Rcs.ClientSecret.IsSet, read.Rcs.WebhookToken.IsSet));

        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync(ResourceNames.TenantDatabase));
        await db.OpenAsync(ct);
        await using var query = new NpgsqlCommand("SELECT kind, ciphertext FROM tenant_credentials WHERE tenant_id = @t ORDER BY kind", db);
        query.Parameters.AddWithValue("t", tenant.Id);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var kinds = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            kinds.Add(reader.GetString(0));
            var ciphertext = (byte[])reader[1];
            Assert.True(ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(tenant.ClientSecret)) < 0);
            Assert.True(ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(tenant.WebhookToken)) < 0);
        }
        Assert.Equal(["rcs.client_secret", "rcs.webhook_token"], kinds);
    }

    [Fact]
    public async Task TheInternalEndpointGivesTheSecretsToAuthServiceAndOnlyThere()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        using var tenantService = _rcs.Tenancy.TenantService();

        using var response = await tenantService.GetAsync($"/internal/tenants/{tenant.Id}/credentials/rcs", ct);
        var credentials = await response.Content.ReadFromJsonAsync<RcsCredentials>(ct);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal((tenant.AgentId, tenant.ClientId, tenant.ClientSecret, tenant.WebhookToken),
            (credentials!.AgentId, credentials.ClientId, credentials.ClientSecret, credentials.WebhookToken));
        using var gateway = new HttpClient { BaseAddress = fixture.App.GetEndpoint(ServiceNames.ApiGateway) };
        using var outside = await gateway.GetAsync($"/internal/tenants/{tenant.Id}/credentials/rcs", ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task AnAgentBelongsToOneTenantAndAChangedSecretDropsTheTenantsTokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _rcs.CreateTenantAsync(ct);
        var other = await _rcs.CreateTenantAsync(ct);
        using var admin = _rcs.Tenancy.TenantService();

        using var taken = await admin.PutAsJsonAsync($"/api/tenants/{other.Id}/rcs", new RcsConfigRequest(tenant.AgentId, other.ClientId), ct);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);

        await _rcs.TokenAsync(tenant.Id, ct);
        await using var redis = await _rcs.RedisAsync();
        var db = redis.GetDatabase();
        Assert.True(await db.KeyExistsAsync(TenancyKeys.RcsAccessToken(tenant.Id)));
        Assert.True(await db.KeyExistsAsync(TenancyKeys.RcsRefreshToken(tenant.Id)));

        using var changed = await admin.PutAsJsonAsync($"/api/tenants/{tenant.Id}/rcs",
            new RcsConfigRequest(tenant.AgentId, tenant.ClientId, ClientSecret: "a-new-secret"), ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(await db.KeyExistsAsync(TenancyKeys.RcsAccessToken(tenant.Id)));
        Assert.False(await db.KeyExistsAsync(TenancyKeys.RcsRefreshToken(tenant.Id)));
    }

    [Fact]
    public async Task TheDemoTenantHasTheSimulatorsAgent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = _rcs.Tenancy.TenantService();

        var demo = await admin.GetFromJsonAsync<TenantResponse>("/api/tenants/demo", ct);
        var token = await _rcs.TokenAsync("demo", ct);

        Assert.Equal(("whatsapp_genesys_sandbox_agent", "sandbox-rcs-client"), (demo!.Rcs!.AgentId, demo.Rcs.ClientId));
        Assert.NotEmpty(token.AccessToken);
    }
}
