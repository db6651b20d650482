using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>Static and dynamic lists, their members page by page, and the audience a campaign to them would reach.</summary>
public sealed class ContactListsTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task AStaticListHoldsTheContactsAddedToIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(PortalTenant.Id(await tenant.CreateContactAsync(new { phone = $"+3361234567{i}", name = $"s{i}" }, ct)));
        }
        var list = await tenant.CreateListAsync(new { name = "Friends" }, ct);
        Assert.Equal("static", list["kind"]!.GetValue<string>());
        var listId = PortalTenant.Id(list);

        using var added = await tenant.Client.PostAsJsonAsync($"/api/v1/portal/lists/{listId}/members", new { contactIds = new[] { ids[0], ids[2], ids[4], ids[2] } }, ct);
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        var (members, pages) = await tenant.ReadAllPagesAsync($"/api/v1/portal/lists/{listId}/members", 2, ct);
        Assert.Equal(["s0", "s2", "s4"], members.Select(PortalTenant.Name));
        Assert.Equal(2, pages);

        using var removed = await tenant.Client.DeleteAsync($"/api/v1/portal/lists/{listId}/members/{ids[2]}", ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var (left, _) = await tenant.ReadAllPagesAsync($"/api/v1/portal/lists/{listId}/members", 50, ct);
        Assert.Equal(["s0", "s4"], left.Select(PortalTenant.Name));

        using var unknown = await tenant.Client.PostAsJsonAsync($"/api/v1/portal/lists/{listId}/members", new { contactIds = new[] { Guid.NewGuid() } }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var duplicateName = await tenant.Client.PostAsJsonAsync("/api/v1/portal/lists", new { name = "Friends" }, ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicateName.StatusCode);
    }

    [Fact]
    public async Task ADynamicListIsWhoeverMatchesItsTagsAndAttributesNow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var list = await tenant.CreateListAsync(new { name = "Berlin VIPs", tags = new[] { "VIP" }, attributes = new { city = "Berlin" } }, ct);
        Assert.Equal("dynamic", list["kind"]!.GetValue<string>());
        var listId = PortalTenant.Id(list);

        await tenant.CreateContactAsync(new { phone = "+4915100000001", name = "d1", tags = new[] { "vip", "x" }, attributes = new { city = "Berlin" } }, ct);
        await tenant.CreateContactAsync(new { phone = "+4915100000002", name = "d2", tags = new[] { "vip" }, attributes = new { city = "Paris" } }, ct);
        await tenant.CreateContactAsync(new { phone = "+4915100000003", name = "d3", attributes = new { city = "Berlin" } }, ct);
        var late = await tenant.CreateContactAsync(new { phone = "+4915100000004", name = "d4", tags = new[] { "vip" }, attributes = new { city = "Berlin", plan = "x" } }, ct);

        var (members, _) = await tenant.ReadAllPagesAsync($"/api/v1/portal/lists/{listId}/members", 1, ct);
        Assert.Equal(["d1", "d4"], members.Select(PortalTenant.Name));

        // The contact moves: the list follows without being touched.
        using var moved = await tenant.Client.PutAsJsonAsync($"/api/v1/portal/contacts/{PortalTenant.Id(late)}",
            new { phone = "+4915100000004", name = "d4", tags = new[] { "vip" }, attributes = new { city = "Hamburg" } }, ct);
        moved.EnsureSuccessStatusCode();
        var (now, _) = await tenant.ReadAllPagesAsync($"/api/v1/portal/lists/{listId}/members", 50, ct);
        Assert.Equal(["d1"], now.Select(PortalTenant.Name));

        using var addToDynamic = await tenant.Client.PostAsJsonAsync($"/api/v1/portal/lists/{listId}/members",
            new { contactIds = new[] { PortalTenant.Id(late) } }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, addToDynamic.StatusCode);
        using var invalid = await tenant.Client.PostAsJsonAsync("/api/v1/portal/lists", new { name = "x", kind = "dynamic" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task AManuallyOptedOutContactLeavesTheAudienceAndComesBackWhenResubscribed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await PortalTenant.CreateAsync(_gateway, ct);
        var a = await tenant.CreateContactAsync(new { phone = "+34600000001", name = "a", tags = new[] { "promo" } }, ct);
        var b = await tenant.CreateContactAsync(new { phone = "+34600000002", name = "b" }, ct);
        await tenant.CreateContactAsync(new { phone = "+34600000003", name = "c", tags = new[] { "other" } }, ct);
        var list = PortalTenant.Id(await tenant.CreateListAsync(new { name = "Static" }, ct));
        (await tenant.Client.PostAsJsonAsync($"/api/v1/portal/lists/{list}/members", new { contactIds = new[] { PortalTenant.Id(a), PortalTenant.Id(b) } }, ct))
            .EnsureSuccessStatusCode();

        // In the list and tagged: reached once.
        Assert.Equal(["a", "b"], await tenant.AudienceNamesAsync($"list={list}&tag=promo", ct));

        (await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{PortalTenant.Id(a)}/opt-out", new { }, ct)).EnsureSuccessStatusCode();
        Assert.Equal(["b"], await tenant.AudienceNamesAsync($"list={list}&tag=promo", ct));
        Assert.Empty(await tenant.AudienceNamesAsync("tag=promo", ct));

        (await tenant.Client.PostAsJsonAsync($"/api/v1/portal/contacts/{PortalTenant.Id(a)}/opt-in", new { }, ct)).EnsureSuccessStatusCode();
        Assert.Equal(["a", "b"], await tenant.AudienceNamesAsync($"list={list}&tag=promo", ct));
    }
}
