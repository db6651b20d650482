using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

public sealed class TenantIsolationTests(AppFixture fixture)
{
    private readonly TenancyHarness _harness = new(fixture);

    [Fact]
    public async Task TenantKeyCannotReadOrChangeAnotherTenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await _harness.CreateTenantAsync(ct);
        var b = await _harness.CreateTenantAsync(ct);
        using var asA = _harness.TenantService(await _harness.CreateApiKeyAsync(a.Id, ct));

        Assert.Equal(HttpStatusCode.OK, (await asA.GetAsync($"/api/tenants/{a.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.GetAsync($"/api/tenants/{b.Id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await asA.PutAsJsonAsync($"/api/tenants/{b.Id}", new UpdateTenantRequest("taken over"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await asA.PutAsJsonAsync($"/api/tenants/{b.Id}/genesys",
                new GenesysConfigRequest("mypurecloud.com", "attacker", b.IntegrationId, "attacker-secret"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.GetAsync($"/api/tenants/{b.Id}/api-keys", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.PostAsync($"/api/tenants/{b.Id}/deactivate", null, ct)).StatusCode);

        var listed = await asA.GetFromJsonAsync<TenantResponse[]>("/api/tenants", ct);
        Assert.Equal([a.Id], listed!.Select(t => t.Id));
        using var admin = _harness.TenantService();
        var bAfter = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{b.Id}", ct);
        Assert.Equal(b.ClientId, bAfter!.Genesys!.ClientId);
        Assert.True(bAfter.IsActive);
    }

    [Fact]
    public async Task TenantKeyCannotCreateTenantsOrRotateKeys()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await _harness.CreateTenantAsync(ct);
        using var asA = _harness.TenantService(await _harness.CreateApiKeyAsync(a.Id, ct));

        Assert.Equal(HttpStatusCode.Forbidden,
            (await asA.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(null, "Rogue"), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asA.PostAsync("/api/admin/rotate-keys", null, ct)).StatusCode);
    }

    [Fact]
    public async Task MissingUnknownOrRevokedKeyIsUnauthorized()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await _harness.CreateTenantAsync(ct);
        var key = await _harness.CreateApiKeyAsync(a.Id, ct);
        using var admin = _harness.TenantService();
        var keys = await admin.GetFromJsonAsync<ApiKeyResponse[]>($"/api/tenants/{a.Id}/api-keys", ct);
        Assert.DoesNotContain(keys!, k => k.Prefix.Length >= key.Length);

        (await admin.DeleteAsync($"/api/tenants/{a.Id}/api-keys/{keys!.Single().Id}", ct)).EnsureSuccessStatusCode();

        using var anonymous = fixture.App.CreateHttpClient(WhatsAppGenesys.Contracts.ServiceNames.TenantService);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/tenants/{a.Id}", ct)).StatusCode);
        using var unknown = _harness.TenantService("wag_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync($"/api/tenants/{a.Id}", ct)).StatusCode);
        using var revoked = _harness.TenantService(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync($"/api/tenants/{a.Id}", ct)).StatusCode);
    }

    [Fact]
    public async Task InvalidRegionIsABadRequestNamingTheField()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = _harness.TenantService();

        var response = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(null, "Bad region", null,
            new GenesysConfigRequest("login.attacker.example", "client", Guid.NewGuid().ToString(), "secret")), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct);
        Assert.Contains("genesys.regionDomain", problem!.Errors.Keys);
    }

    [Fact]
    public async Task PhoneNumberIdOfAnotherTenantIsAConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await _harness.CreateTenantAsync(ct);
        var b = await _harness.CreateTenantAsync(ct);
        using var admin = _harness.TenantService();

        var response = await admin.PutAsJsonAsync($"/api/tenants/{b.Id}/whatsapp",
            new WhatsAppConfigRequest("102290129340398", [b.PhoneNumberId, a.PhoneNumberId], null, null), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("phoneNumberIds", body);
        Assert.DoesNotContain(a.Id, body);
    }
}
