using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>The portal's contacts, through the gateway with tenant keys: create, read, replace, delete, page and filter.</summary>
public sealed class ContactsApiTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AContactIsCreatedNormalisedReadReplacedAndDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);

        var created = await tenant.CreateContactAsync(new
        {
            phone = "030 1234567",
            defaultCountryCode = "49",
            name = "Ada Lovelace",
            attributes = new { city = "Berlin", plan = "gold" },
            tags = new[] { " VIP ", "vip", "Newsletter" },
        }, ct);
        Assert.Equal("+49301234567", created["phone"]!.GetValue<string>());
        Assert.Equal(["vip", "newsletter"], created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("opted_in", created["consent"]!["status"]!.GetValue<string>());
        Assert.Equal("api", created["consent"]!["source"]!.GetValue<string>());
        var id = PortalTenant.Id(created);

        var read = await tenant.Client.GetFromJsonAsync<JsonObject>($"/api/v1/portal/contacts/{id}", ct);
        Assert.Equal("gold", read!["attributes"]!["plan"]!.GetValue<string>());

        using var same = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts", new { phone = "+49 30 123 45 67" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal("phone", (await same.Content.ReadFromJsonAsync<JsonObject>(ct))!["field"]!.GetValue<string>());

        using var replaced = await tenant.Client.PutAsJsonAsync($"/api/v1/portal/contacts/{id}",
            new { phone = "+49301234567", bsuid = "DE.1122334455667788", name = "Ada King", attributes = new { city = "London" }, tags = new[] { "vip" } }, ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = (await replaced.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal("Ada King", after["name"]!.GetValue<string>());
        Assert.Equal("DE.1122334455667788", after["bsuid"]!.GetValue<string>());
        Assert.Null(after["attributes"]!["plan"]);

        using var deleted = await tenant.Client.DeleteAsync($"/api/v1/portal/contacts/{id}", ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await tenant.Client.GetAsync($"/api/v1/portal/contacts/{id}", ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task InvalidContactsAreRefusedFieldByField()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);

        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts", new
        {
            phone = "030 1234567",
            bsuid = "not a bsuid",
            tags = new[] { "a;b" },
            attributes = new Dictionary<string, string> { ["first name"] = "Ada" },
        }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject();
        Assert.Equal(["attributes", "bsuid", "phone", "tags"], errors.Select(e => e.Key).Order());
        Assert.Equal("'030 1234567' has no country code (write it with + or 00, or give a default country code).",
            errors["phone"]![0]!.GetValue<string>());

        using var nothing = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts", new { name = "Nobody" }, ct);
        Assert.Equal("A phone number or a BSUID is required.",
            (await nothing.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!["phone"]![0]!.GetValue<string>());

        using var badQuery = await tenant.Client.GetAsync("/api/v1/portal/contacts?limit=0&cursor=zzz&consent=maybe&attribute=city", ct);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        var queryErrors = (await badQuery.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject();
        Assert.Equal(["attribute", "consent", "cursor", "limit"], queryErrors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task PagesFollowCreationOrderAndFiltersCombine()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var names = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var name = $"c{i}";
            names.Add(name);
            await tenant.CreateContactAsync(new
            {
                phone = $"+4930100000{i}",
                name,
                tags = i % 2 == 0 ? new[] { "even" } : new[] { "odd" },
                attributes = new { city = i < 4 ? "Berlin" : "Paris" },
            }, ct);
        }

        var (all, pages) = await tenant.ReadAllPagesAsync("/api/v1/portal/contacts", 3, ct);
        Assert.Equal(names, all.Select(PortalTenant.Name));
        Assert.Equal(3, pages);

        var (evenInBerlin, _) = await tenant.ReadAllPagesAsync("/api/v1/portal/contacts?tag=EVEN&attribute=city:Berlin", 50, ct);
        Assert.Equal(["c0", "c2"], evenInBerlin.Select(PortalTenant.Name));

        using var optOut = await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{PortalTenant.Id(all[4])}/opt-out", new { note = "asked by phone" }, ct);
        Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        var (optedOut, _) = await tenant.ReadAllPagesAsync("/api/v1/portal/contacts?consent=opted_out", 50, ct);
        Assert.Equal(["c4"], optedOut.Select(PortalTenant.Name));
        var (optedInParis, _) = await tenant.ReadAllPagesAsync("/api/v1/portal/contacts?consent=opted_in&attribute=city:Paris", 2, ct);
        Assert.Equal(["c5", "c6"], optedInParis.Select(PortalTenant.Name));
    }

    [Fact]
    public async Task AnOptedOutContactIsKeptAndItsHistoryRecordsEveryChange()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var id = PortalTenant.Id(await tenant.CreateContactAsync(new { phone = "+447700900123", name = "Bea" }, ct));

        (await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{id}/opt-out", new { note = "complaint" }, ct)).EnsureSuccessStatusCode();
        using var delete = await tenant.Client.DeleteAsync($"/api/v1/portal/contacts/{id}", ct);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        using var optIn = await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{id}/opt-in", new { }, ct);
        var contact = (await optIn.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal("opted_in", contact["consent"]!["status"]!.GetValue<string>());

        var history = (await tenant.Client.GetFromJsonAsync<JsonArray>($"/api/v1/portal/contacts/{id}/consent-history", ct))!;
        Assert.Equal(["resubscribed", "opted_out", "opted_in"], history.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(history, e => Assert.Equal("api", e!["source"]!.GetValue<string>()));
        Assert.Equal("complaint", history[1]!["note"]!.GetValue<string>());
    }
}
