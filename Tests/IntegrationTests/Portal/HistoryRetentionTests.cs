using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Inbound;
using static WhatsAppGenesys.IntegrationTests.Portal.HistoryDesk;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Retention by the provider's time: a message Meta timestamped three days ago outlives a 90-day retention and is
/// deleted, with its media, once the tenant keeps history for one day (the fixture sweeps every 2 s).
/// </summary>
[Collection(nameof(ConversationHistoryCollection))]
public sealed class HistoryRetentionTests(AppFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 3, 1, 4, 1, 5];
    private readonly HistoryDesk _desk = new(fixture);

    [Fact]
    public async Task MessagesOlderThanTheTenantsRetentionAreDeletedWithTheirMedia()
    {
        var ct = TestContext.Current.CancellationToken;
        using var portal = await _desk.DemoClientAsync(ct);
        var customer = Sandboxes.NewCustomer();
        var now = DateTimeOffset.UtcNow;
        var old = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer,
            new { type = "image", media = new { base64 = Convert.ToBase64String(Png), mimeType = "image/png" }, timestamp = UnixSeconds(now.AddDays(-3)) });
        var fresh = await _desk.Agents.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Still here", timestamp = UnixSeconds(now) });
        var before = await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == 2, ct);
        var oldMedia = Str(before.Single(m => Str(m, "messageId") == old)["media"]!.AsObject(), "url");
        using var download = new HttpClient();
        Assert.Equal(Png, await download.GetByteArrayAsync(oldMedia, ct));

        var settings = (await portal.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", ct))!;
        var kept = settings["historyRetentionDays"]!.GetValue<int>();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await PutRetentionAsync(portal, settings, days: 1, ct)).StatusCode);

            var after = await WaitForAsync(portal, CustomerMessages(customer), items => items.Count == 1, ct, TimeSpan.FromSeconds(30));

            Assert.Equal(fresh, Str(after[0], "messageId"));
            using var gone = await download.GetAsync(oldMedia, ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            (await PutRetentionAsync(portal, settings, kept, CancellationToken.None)).Dispose();
        }
    }

    private static async Task<HttpResponseMessage> PutRetentionAsync(HttpClient portal, JsonObject settings, int days, CancellationToken ct)
    {
        var update = settings.DeepClone().AsObject();
        update["historyRetentionDays"] = days;
        return await portal.PutAsJsonAsync("/api/v1/portal/settings", update, ct);
    }
}
