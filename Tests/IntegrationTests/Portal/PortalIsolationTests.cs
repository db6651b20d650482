using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>One tenant's key reaches none of another tenant's contacts or lists, whatever it names.</summary>
public sealed class PortalIsolationTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AnotherTenantsKeyCannotReadOrChangeContactsOrLists()
    {
        var ct = TestContext.Current.CancellationToken;
        using var owner = await PortalTenant.CreateAsync(_gateway, ct);
        using var other = await PortalTenant.CreateAsync(_gateway, ct);
        var contact = PortalTenant.Id(await owner.CreateContactAsync(new { phone = "+61412345678", name = "Owned", tags = new[] { "mine" } }, ct));
        var list = PortalTenant.Id(await owner.CreateListAsync(new { name = "Owned list" }, ct));
        var dynamicList = PortalTenant.Id(await owner.CreateListAsync(new { name = "Mine", tags = new[] { "mine" } }, ct));
        (await owner.Client.PostAsJsonAsync($"/api/v1/portal/lists/{list}/members", new { contactIds = new[] { contact } }, ct)).EnsureSuccessStatusCode();

        // Naming the owner in X-Tenant-ID changes nothing: the gateway sets it from the key.
        other.Client.DefaultRequestHeaders.Add(TenancyHeaders.TenantId, owner.TenantId);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/portal/contacts/{contact}", ct)).StatusCode);
        Assert.Empty((await other.ReadAllPagesAsync("/api/v1/portal/contacts", 50, ct)).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PutAsJsonAsync($"/api/v1/portal/contacts/{contact}", new { phone = "+61412345678", name = "Stolen" }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{contact}/opt-out", new { }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/v1/portal/contacts/{contact}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/portal/lists/{list}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/portal/lists/{list}/members", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/v1/portal/lists/{dynamicList}", ct)).StatusCode);
        Assert.Empty(await other.AudienceNamesAsync($"list={list}&list={dynamicList}&tag=mine", ct));

        // Its own list cannot take the owner's contact, and its import does not touch it.
        var otherList = PortalTenant.Id(await other.CreateListAsync(new { name = "Theirs" }, ct));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await other.Client.PostAsJsonAsync($"/api/v1/portal/lists/{otherList}/members", new { contactIds = new[] { contact } }, ct)).StatusCode);
        using var import = await other.Client.PostAsync("/api/v1/portal/contacts/import",
            new StringContent("phone,name\n+61412345678,Imported elsewhere\n", Encoding.UTF8, "text/csv"), ct);
        Assert.Equal(1, (await import.Content.ReadFromJsonAsync<JsonObject>(ct))!["imported"]!.GetValue<int>());

        var mine = (await owner.Client.GetFromJsonAsync<JsonObject>($"/api/v1/portal/contacts/{contact}", ct))!;
        Assert.Equal("Owned", PortalTenant.Name(mine));
        Assert.Equal("opted_in", mine["consent"]!["status"]!.GetValue<string>());
        Assert.Equal(["Owned"], (await owner.ReadAllPagesAsync($"/api/v1/portal/lists/{list}/members", 50, ct)).Items.Select(PortalTenant.Name));
        Assert.Equal(["Owned"], await owner.AudienceNamesAsync($"list={dynamicList}", ct));
    }
}
