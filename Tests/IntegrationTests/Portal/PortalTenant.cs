using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>A fresh tenant using the portal through the gateway with its own API key, as the console does.</summary>
internal sealed class PortalTenant : IDisposable
{
    private PortalTenant(string tenantId, HttpClient client)
    {
        TenantId = tenantId;
        Client = client;
    }

    public string TenantId { get; }

    public HttpClient Client { get; }

    public static async Task<PortalTenant> CreateAsync(GatewayHarness gateway, CancellationToken ct)
    {
        var (tenantId, key) = await gateway.CreateTenantWithKeyAsync(ct);
        return new PortalTenant(tenantId, gateway.Client(key));
    }

    /// <summary>A tenant that already exists (the sandbox's demo tenant), with a new key of its own.</summary>
    public static async Task<PortalTenant> ForAsync(GatewayHarness gateway, string tenantId, CancellationToken ct) =>
        new(tenantId, gateway.Client((await gateway.CreateApiKeyAsync(tenantId, ct)).ApiKey));

    public async Task<JsonObject> CreateContactAsync(object contact, CancellationToken ct)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/portal/contacts", contact, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    public async Task<JsonObject> CreateListAsync(object list, CancellationToken ct)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/portal/lists", list, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    /// <summary>Every item of a paged collection, following its cursors; also how many pages it took.</summary>
    public async Task<(List<JsonObject> Items, int Pages)> ReadAllPagesAsync(string path, int limit, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = (await Client.GetFromJsonAsync<JsonObject>(url, ct))!;
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);
        return (items, pages);
    }

    public async Task<List<string>> AudienceNamesAsync(string query, CancellationToken ct) =>
        (await Client.GetFromJsonAsync<JsonArray>($"/api/v1/portal/audience?{query}", ct))!
            .Select(m => m!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

    public static string Id(JsonObject item) => item["id"]!.GetValue<string>();

    public static string Name(JsonObject item) => item["name"]!.GetValue<string>();

    public void Dispose() => Client.Dispose();
}
