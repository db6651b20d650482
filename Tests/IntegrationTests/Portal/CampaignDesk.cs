using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// A tenant with a WABA of its own at the Meta sandbox and an APPROVED template ("Your order {{1}} ships on {{2}}."),
/// making contacts and campaigns through the gateway and reading what its customers received at the sandbox.
/// </summary>
internal sealed class CampaignDesk : IDisposable
{
    public const string Campaigns = "/api/v1/portal/campaigns";

    private readonly AppFixture _fixture;

    private CampaignDesk(AppFixture fixture, TemplateTenant tenant, string template)
    {
        _fixture = fixture;
        Tenant = tenant;
        Template = template;
    }

    public TemplateTenant Tenant { get; }

    public string Template { get; }

    public HttpClient Client => Tenant.Client;

    private HttpClient Meta => _fixture.Client(ServiceNames.MetaSandbox);

    public static async Task<CampaignDesk> CreateAsync(AppFixture fixture, CancellationToken ct, bool withGenesys = false)
    {
        var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys);
        var template = TemplateTenant.NewName("campaign_order");
        await tenant.CreateTemplateAsync(template, ct);
        await tenant.WaitForStatusAsync(template, "en_US", "APPROVED", ct);
        return new CampaignDesk(fixture, tenant, template);
    }

    /// <summary>A contact with a fresh sandbox number; returns (contact id, wa_id).</summary>
    public async Task<(string Id, string WaId)> AddContactAsync(string name, object attributes, CancellationToken ct, string[]? tags = null)
    {
        var waId = Sandboxes.NewCustomer();
        using var response = await Client.PostAsJsonAsync("/api/v1/portal/contacts", new { phone = "+" + waId, name, attributes, tags = tags ?? [] }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>(), waId);
    }

    /// <summary>Contacts named customer-1… with an order attribute, all tagged <paramref name="tag"/>; their wa_ids in creation (= send) order.</summary>
    public async Task<List<string>> AddTaggedContactsAsync(string tag, int count, CancellationToken ct)
    {
        var waIds = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            waIds.Add((await AddContactAsync($"Customer {i}", new { first_name = $"Customer{i}", order = $"{1000 + i}" }, ct, [tag])).WaId);
        }
        return waIds;
    }

    public async Task OptOutAsync(string contactId, CancellationToken ct)
    {
        using var response = await Client.PostAsJsonAsync($"/api/v1/portal/contacts/{contactId}/opt-out", new { note = "test" }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The standard mapping: {{1}} = attribute first_name, {{2}} = attribute order.</summary>
    public object[] Mapping() =>
    [
        new { component = "body", name = "1", source = "attribute", value = "first_name" },
        new { component = "body", name = "2", source = "attribute", value = "order" },
    ];

    public async Task<JsonObject> CreateCampaignAsync(object audience, CancellationToken ct, object? schedule = null, double? messagesPerSecond = null)
    {
        using var response = await Client.PostAsJsonAsync(Campaigns, new
        {
            name = "Campaign " + Guid.NewGuid().ToString("N")[..6],
            template = new { name = Template, language = "en_US" },
            parameters = Mapping(),
            audience,
            schedule,
            messagesPerSecond,
        }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    public async Task<JsonObject> GetAsync(string id, CancellationToken ct) =>
        (await Client.GetFromJsonAsync<JsonObject>($"{Campaigns}/{id}", ct))!;

    public async Task<JsonObject> ActAsync(string id, string action, CancellationToken ct)
    {
        using var response = await Client.PostAsync($"{Campaigns}/{id}/{action}", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }

    public static int Count(JsonObject campaign, string state) => campaign["counts"]![state]!.GetValue<int>();

    public static string Status(JsonObject campaign) => campaign["status"]!.GetValue<string>();

    /// <summary>Polls the campaign until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the timeout.</summary>
    public async Task<JsonObject> WaitForAsync(string id, Func<JsonObject, bool> condition, string what, CancellationToken ct, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var campaign = await GetAsync(id, ct);
            if (condition(campaign))
            {
                return campaign;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Campaign {id} is not {what} after {seconds} s: {campaign.ToJsonString()}");
            await Task.Delay(250, ct);
        }
    }

    public Task<JsonObject> WaitForStatusAsync(string id, string status, CancellationToken ct, int seconds = 90) =>
        WaitForAsync(id, c => Status(c) == status, status, ct, seconds);

    /// <summary>Every recipient, following the cursor (small pages, so paging is exercised too).</summary>
    public async Task<List<JsonObject>> RecipientsAsync(string id, CancellationToken ct, string? state = null)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var url = $"{Campaigns}/{id}/recipients?limit=7" + (state is null ? "" : $"&state={state}") + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = (await Client.GetFromJsonAsync<JsonObject>(url, ct))!;
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>What the customer received from the tenant's number at the Meta sandbox (accepted sends only).</summary>
    public async Task<List<JsonObject>> ReceivedAtMetaAsync(string waId, CancellationToken ct) =>
        (await Meta.GetFromJsonAsync<JsonArray>($"/sandbox/customers/{waId}/messages?phoneNumberId={Tenant.PhoneNumberId}", ct))!
            .Select(m => m!.AsObject()).ToList();

    /// <summary>The body parameters of a template the customer received.</summary>
    public static List<string> BodyParameters(JsonObject message) =>
        message["body"]!["template"]!["components"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "body")!["parameters"]!.AsArray()
            .Select(p => p!["text"]!.GetValue<string>()).ToList();

    public async Task PatchMetaLimitsAsync(object patch, CancellationToken ct)
    {
        using var response = await Meta.PatchAsJsonAsync("/sandbox/limits", patch, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Meta answers every send from this tenant's number <paramref name="latencyMs"/> late; returns the rule's id for <see cref="RemoveMetaFaultAsync"/>.</summary>
    public async Task<string> SlowDownMetaAsync(int latencyMs, CancellationToken ct)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/faults", new
        {
            path = $"/{TemplateTenant.GraphVersion}/{Tenant.PhoneNumberId}/messages",
            method = "POST",
            latencyMs,
            durationSeconds = 300,
        }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
    }

    public async Task RemoveMetaFaultAsync(string rule)
    {
        using var response = await Meta.DeleteAsync($"/sandbox/faults/{rule}", CancellationToken.None);
        response.EnsureSuccessStatusCode();
    }

    public async Task SetMetaTierAsync(string tier, CancellationToken ct)
    {
        using var response = await Meta.PutAsJsonAsync($"/sandbox/limits/businesses/{Tenant.WabaId}", new { tier }, ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task ArmSpamStrikeAsync(int count, CancellationToken ct)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/limits/spam", new { phoneNumberId = Tenant.PhoneNumberId, count }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The tenant's portal settings with the campaign messaging limit changed.</summary>
    public async Task SetMessagingLimitAsync(int? limit, CancellationToken ct)
    {
        var settings = (await Client.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", ct))!;
        settings["campaignMessagingLimit"] = limit;
        using var response = await Client.PutAsJsonAsync("/api/v1/portal/settings", settings, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Each customer got exactly one message from the tenant at the Meta sandbox, this campaign's template.</summary>
    public async Task AssertEachReceivedExactlyOnceAsync(IEnumerable<string> waIds, CancellationToken ct)
    {
        foreach (var waId in waIds)
        {
            var received = await ReceivedAtMetaAsync(waId, ct);
            Assert.True(received.Count == 1, $"{waId} received {received.Count} messages at Meta, not 1.");
            Assert.Equal(Template, received[0]["body"]!["template"]!["name"]!.GetValue<string>());
        }
    }

    /// <summary>The customer writes to the tenant's number at the Meta sandbox; <paramref name="wamid"/> sends a message again as Meta redelivers it. Returns its wamid.</summary>
    public async Task<string> CustomerWritesAsync(string waId, string text, CancellationToken ct, string? wamid = null)
    {
        using var response = await Meta.PostAsJsonAsync($"/sandbox/customers/{waId}/messages", new { type = "text", text, phoneNumberId = Tenant.PhoneNumberId, wamid }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["wamid"]!.GetValue<string>();
    }

    /// <summary>Meta sends statuses of one of the tenant's messages (again) in one webhook.</summary>
    public async Task SendStatusesAsync(string wamid, IEnumerable<string> statuses, CancellationToken ct)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/webhooks/batch", new
        {
            phoneNumberId = Tenant.PhoneNumberId,
            statuses = statuses.Select(status => new { wamid, status }).ToArray(),
        }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The campaign's funnel as <c>GET /campaigns/{id}</c> shows it: targeted, sent, delivered, read, replied, opted out.</summary>
    public static (long Targeted, long Sent, long Delivered, long Read, long Replied, long OptedOut) Funnel(JsonObject campaign)
    {
        var funnel = campaign["funnel"]!;
        long Stage(string name) => funnel[name]!.GetValue<long>();
        return (Stage("targeted"), Stage("sent"), Stage("delivered"), Stage("read"), Stage("replied"), Stage("optedOut"));
    }

    /// <summary>Waits until the customer's message with <paramref name="text"/> is in the tenant's history (the portal has seen it).</summary>
    public Task WaitForHistoryAsync(string waId, string text, CancellationToken ct) =>
        HistoryDesk.WaitForAsync(Client, HistoryDesk.CustomerMessages(waId), items => items.Any(i => HistoryDesk.Text(i) == text), ct, TimeSpan.FromSeconds(90));

    public void Dispose() => Tenant.Dispose();
}
