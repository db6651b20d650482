using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Tenancy;

/// <summary>The business's contact e-mail: set on creation, kept when an update leaves it out, cleared on request, checked.</summary>
public sealed class TenantContactTests(AppFixture fixture)
{
    private readonly TenancyHarness _tenancy = new(fixture);

    [Fact]
    public async Task ContactEmailIsStoredKeptAndClearedAsAsked()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"contact-{Guid.NewGuid():N}"[..20];
        using var admin = _tenancy.TenantService();

        var created = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(id, "Contact Co", ContactEmail: " ops@contact.example "), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ops@contact.example", (await created.Content.ReadFromJsonAsync<TenantResponse>(ct))!.ContactEmail);

        var renamed = await admin.PutAsJsonAsync($"/api/tenants/{id}", new UpdateTenantRequest("Contact Company"), ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var read = await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct);
        Assert.Equal(("Contact Company", "ops@contact.example"), (read!.Name, read.ContactEmail));

        var cleared = await admin.PutAsJsonAsync($"/api/tenants/{id}", new UpdateTenantRequest("Contact Company", ContactEmail: ""), ct);
        Assert.Null((await cleared.Content.ReadFromJsonAsync<TenantResponse>(ct))!.ContactEmail);
    }

    [Fact]
    public async Task AContactThatIsNotAnEmailAddressIsRefusedAndNothingIsCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"contact-{Guid.NewGuid():N}"[..20];
        using var admin = _tenancy.TenantService();

        var response = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(id, "Contact Co", ContactEmail: "call us on 555"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct);
        Assert.Contains("contactEmail", problem!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tenants/{id}", ct)).StatusCode);
    }
}
