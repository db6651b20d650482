using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Gateway;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>The portal's per-tenant settings, through the gateway with tenant keys, as the console uses them.</summary>
public sealed class PortalSettingsTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task ATenantStartsWithTheDefaultsAndChangesOnlyItsOwnSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, firstKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        var (secondTenant, secondKey) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var first = _gateway.Client(firstKey);
        using var second = _gateway.Client(secondKey);

        var defaults = await first.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", ct);
        Assert.Equal(90, defaults!["historyRetentionDays"]!.GetValue<int>());
        Assert.Contains("STOP", defaults["optOutKeywords"]!.AsArray().Select(k => k!.GetValue<string>()));

        // Even naming the other tenant in X-Tenant-ID, the first key writes its own settings: the gateway sets the header.
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/portal/settings")
        {
            Content = JsonContent.Create(new
            {
                historyRetentionDays = 30,
                optOutKeywords = new[] { " stop ", "Arrêt", "STOP" },
                optInKeywords = new[] { "start" },
                optOutAcknowledgement = "Done, no more offers.",
                optInAcknowledgement = "Welcome back.",
            }),
        };
        put.Headers.Add(TenancyHeaders.TenantId, secondTenant);
        using var saved = await first.SendAsync(put, ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stored = await saved.Content.ReadFromJsonAsync<JsonObject>(ct);
        Assert.Equal(30, stored!["historyRetentionDays"]!.GetValue<int>());
        Assert.Equal(["STOP", "ARRÊT"], stored["optOutKeywords"]!.AsArray().Select(k => k!.GetValue<string>()));

        Assert.Equal(30, (await first.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", ct))!["historyRetentionDays"]!.GetValue<int>());
        Assert.Equal(90, (await second.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", ct))!["historyRetentionDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task InvalidSettingsAreRefusedFieldByField()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, key) = await _gateway.CreateTenantWithKeyAsync(ct);
        using var client = _gateway.Client(key);

        using var response = await client.PutAsJsonAsync("/api/v1/portal/settings", new
        {
            historyRetentionDays = 0,
            optOutKeywords = new[] { "STOP" },
            optInKeywords = new[] { "stop" },
            optOutAcknowledgement = "ok",
            optInAcknowledgement = "",
        }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject();
        Assert.Equal(["historyRetentionDays", "optInAcknowledgement", "optInKeywords"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task WithoutATenantKeyThePortalIsClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = _gateway.Client();
        using var response = await anonymous.GetAsync("/api/v1/portal/settings", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
