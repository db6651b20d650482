using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>CSV imports through the gateway: every row accounted for, bad rows named by line and reason.</summary>
public sealed class ContactImportTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task EveryRowIsImportedUpdatedADuplicateOrRejectedWithItsLineAndReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var existing = PortalTenant.Id(await tenant.CreateContactAsync(new { phone = "+14155550100", name = "Old Hal", attributes = new { city = "Boston" } }, ct));
        var list = PortalTenant.Id(await tenant.CreateListAsync(new { name = "Imported" }, ct));

        var csv = string.Join("\n",
            "phone,bsuid,name,tags,city",                           // 1
            "+49 30 1111111,,Ada,vip;newsletter,Berlin",             // 2 imported
            "030 2222222,,Bob,,Hamburg",                             // 3 no country code
            "+49 30 3333333,,Carla",                                 // 4 too few fields
            ",,Nobody,,",                                            // 5 neither phone nor BSUID
            "\"+49 30 4444444\",US.123456789,\"Dora, Dr.\",vip,Köln", // 6 imported
            "0049301111111,,Ada L.,customer,",                        // 7 line 2 again
            "+49 30 5555555,nope,Eve,,",                             // 8 bad BSUID
            "+49 30 6666666,US.123456789,Fay,,",                     // 9 line 6's BSUID with another number
            "+49 30 7777777,,\"Gil \"\"the hat\"\"\",,Paris",         // 10 imported
            "",                                                      // 11 blank
            "+1 415 555 0100,,Hal,,",                                // 12 existed before
            "\"+49 30 8888888,Ian,,",                                // 13 quote never closed
            "");

        using var response = await tenant.Client.PostAsync($"/api/v1/portal/contacts/import?listId={list}", Csv(csv), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        Assert.Equal((11, 3, 1, 1, 6), (Count(report, "rows"), Count(report, "imported"), Count(report, "updated"), Count(report, "duplicates"), Count(report, "rejected")));
        Assert.Equal(
        [
            (3, "phone: '030 2222222' has no country code (write it with + or 00, or give a default country code)."),
            (4, "Has 3 fields; the header has 5."),
            (5, "phone: A phone number or a BSUID is required."),
            (8, "bsuid: 'nope' is not a BSUID (country, a dot, then the id, e.g. US.13491208655302741918)."),
            (9, "bsuid: US.123456789 belongs to a contact with another phone number."),
            (13, "Not valid CSV: a quoted field is not closed."),
        ], report["rejections"]!.AsArray().Select(r => (r!["line"]!.GetValue<int>(), r["reason"]!.GetValue<string>())));
        Assert.False(report["rejectionsTruncated"]!.GetValue<bool>());

        var (contacts, _) = await tenant.ReadAllPagesAsync("/api/v1/portal/contacts", 50, ct);
        var byPhone = contacts.ToDictionary(c => c["phone"]!.GetValue<string>());
        Assert.Equal(["+14155550100", "+49301111111", "+49304444444", "+49307777777"], byPhone.Keys.Order(StringComparer.Ordinal));
        var ada = byPhone["+49301111111"];
        Assert.Equal("Ada L.", PortalTenant.Name(ada));
        Assert.Equal(["vip", "newsletter", "customer"], ada["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Berlin", ada["attributes"]!["city"]!.GetValue<string>());
        Assert.Equal("import", ada["consent"]!["source"]!.GetValue<string>());
        Assert.Equal("Dora, Dr.", PortalTenant.Name(byPhone["+49304444444"]));
        Assert.Equal("Köln", byPhone["+49304444444"]["attributes"]!["city"]!.GetValue<string>());
        Assert.Equal("Gil \"the hat\"", PortalTenant.Name(byPhone["+49307777777"]));
        var hal = byPhone["+14155550100"];
        Assert.Equal((existing, "Hal", "Boston", "api"),
            (PortalTenant.Id(hal), PortalTenant.Name(hal), hal["attributes"]!["city"]!.GetValue<string>(), hal["consent"]!["source"]!.GetValue<string>()));

        var (members, _) = await tenant.ReadAllPagesAsync($"/api/v1/portal/lists/{list}/members", 50, ct);
        Assert.Equal(4, members.Count);
    }

    [Fact]
    public async Task AnImportNeverResubscribesAnOptedOutContact()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var id = PortalTenant.Id(await tenant.CreateContactAsync(new { phone = "+48601234567", name = "Ola" }, ct));
        (await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{id}/opt-out", new { }, ct)).EnsureSuccessStatusCode();

        using var response = await tenant.Client.PostAsync("/api/v1/portal/contacts/import?defaultCountryCode=48",
            Csv("phone,name\n601 234 567,Ola Nowak\n"), ct);

        Assert.Equal(1, Count((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!, "updated"));
        var contact = (await tenant.Client.GetFromJsonAsync<JsonObject>($"/api/v1/portal/contacts/{id}", ct))!;
        Assert.Equal("Ola Nowak", PortalTenant.Name(contact));
        Assert.Equal("opted_out", contact["consent"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnusableFilesAreRefusedWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);

        using var noIdentity = await tenant.Client.PostAsync("/api/v1/portal/contacts/import", Csv("name,city\nAda,Berlin\n"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, noIdentity.StatusCode);
        Assert.Equal("A 'phone' or a 'bsuid' column is required.",
            (await noIdentity.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!["header"]![0]!.GetValue<string>());

        using var empty = await tenant.Client.PostAsync("/api/v1/portal/contacts/import", Csv(""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        using var badOptions = await tenant.Client.PostAsync($"/api/v1/portal/contacts/import?defaultCountryCode=999&listId={Guid.NewGuid()}", Csv("phone\n"), ct);
        Assert.Equal(["defaultCountryCode", "listId"],
            (await badOptions.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject().Select(e => e.Key).Order());

        using var json = await tenant.Client.PostAsJsonAsync("/api/v1/portal/contacts/import", new { phone = "+49301234567" }, ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Empty((await tenant.ReadAllPagesAsync("/api/v1/portal/contacts", 50, ct)).Items);
    }

    private static int Count(JsonObject report, string name) => report[name]!.GetValue<int>();
}
