using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Minio;
using Minio.DataModel.Args;
using StackExchange.Redis;
using WhatsAppGenesys.Messaging.Archiving;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Tenancy;

namespace WhatsAppGenesys.IntegrationTests.Storage;

/// <summary>
/// Storage expiry against s3rver, which has neither lifecycle rules nor versioning, so portal-service's sweeper enforces
/// it (every 30 s in the fixture; the tests follow its runs through the health endpoint's "last run"). Objects are
/// written straight to S3 under past days, as the services key them by the day they were written; each test uses
/// tenants of its own, so nothing another test stores is old enough to go.
/// </summary>
public sealed class StorageLifecycleTests(AppFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly TenancyHarness _tenancy = new(fixture);
    private readonly Sandboxes _sandboxes = new(fixture);

    [Fact]
    public async Task OldObjectsGoRecentHeldAndStillShownOnesStayByEachTenantsSettings()
    {
        var ct = TestContext.Current.CancellationToken;
        // "brief" keeps raw webhooks 3 days and media 10, but its history (the portal's default, 90 days) still shows
        // media up to 90 days old; "plain" never set its retention, so the defaults (30 / 90) apply.
        var brief = await CreateTenantAsync("lc-brief", ct);
        using var admin = _tenancy.TenantService();
        (await admin.PutAsJsonAsync($"/api/tenants/{brief}/storage-retention", new StorageRetention(1, 3, 10), ct)).EnsureSuccessStatusCode();
        var plain = await CreateTenantAsync("lc-plain", ct);

        var expired = new[]
        {
            (Buckets.WebhooksInbound, RawKey(brief, 4, "old")),
            (Buckets.WebhooksGenesys, RawKey(brief, 4, "old-genesys")),
            (Buckets.WebhooksInbound, RawKey(plain, 31, "old")),
            (Buckets.MediaInbound, MediaKey(brief, 91, "old")),
            (Buckets.MediaOutbound, MediaKey(plain, 91, "old")),
        };
        var kept = new[]
        {
            (Buckets.WebhooksInbound, RawKey(brief, 2, "recent")),
            (Buckets.WebhooksInbound, RawKey(brief, 4, "parked")),
            (Buckets.WebhooksInbound, RawKey(plain, 4, "recent-by-default")),
            (Buckets.WebhooksInbound, RawKey(plain, 30, "last-day")),
            (Buckets.MediaInbound, MediaKey(brief, 20, "in-history")),
            (Buckets.MediaOutbound, MediaKey(plain, 89, "recent")),
        };
        // The hold the inbound transformer writes when the message of that webhook fails (see the next test). Written
        // before the object, and the objects only once a run has started after it: a run reads the holds when it
        // starts, so one already under way could otherwise list the object without its hold (which a real archive,
        // written today, never meets).
        using var redis = await RedisAsync();
        await redis.GetDatabase().HashSetAsync(ArchiveHolds.RedisKey, ArchiveHolds.Field(Buckets.WebhooksInbound, kept[1].Item2, "wamid.parked"), 1);
        try
        {
            await WaitForRunsAsync(2, ct); // the second of them started after the first ended, so after the hold
            var s3 = await fixture.S3ClientAsync();
            foreach (var (bucket, key) in expired.Concat(kept))
            {
                await PutAsync(s3, bucket, key, ct);
            }

            await WaitUntilAsync(async () => (await ExistingAsync(expired)).Count == 0, "the expired objects to be deleted", ct);
            await WaitForRunsAsync(1, ct); // one more run past the one that deleted them

            Assert.Equal(kept.Select(k => $"{k.Item1}/{k.Item2}").Order(), (await ExistingAsync(kept)).Order());
        }
        finally
        {
            await redis.GetDatabase().HashDeleteAsync(ArchiveHolds.RedisKey, ArchiveHolds.Field(Buckets.WebhooksInbound, kept[1].Item2, "wamid.parked"));
        }
    }

    [Fact]
    public async Task APoisonedMessageHoldsItsArchivedWebhook()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var wamid = $"wamid.lifecycle{Guid.NewGuid():N}";
        // A timestamp that is not a number: accepted and archived by the webhook, poison to the transformer.
        var body = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{Sandboxes.PhoneNumberId}}}"},"contacts":[{"profile":{"name":"Test"},"wa_id":"{{{customer}}}"}],"messages":[{"from":"{{{customer}}}","id":"{{{wamid}}}","timestamp":"yesterday","type":"text","text":{"body":"hello"}}]},"field":"messages"}]}]}""";

        Assert.Equal(200, await _sandboxes.PostRawWebhookAsync(new { body }));

        using var connection = await RedisAsync();
        var redis = connection.GetDatabase();
        string? held = null;
        await WaitUntilAsync(async () =>
        {
            held = (await redis.HashKeysAsync(ArchiveHolds.RedisKey)).Select(k => k.ToString()).FirstOrDefault(k => k.EndsWith("|" + wamid, StringComparison.Ordinal));
            return held is not null;
        }, $"a hold on the archived webhook of {wamid}", ct);

        var prefix = $"{Buckets.WebhooksInbound}/demo/{Today:yyyy-MM-dd}/";
        var field = held!;
        Assert.StartsWith(prefix, field);
        var key = field[(Buckets.WebhooksInbound.Length + 1)..field.LastIndexOf('|')];
        Assert.Contains(key, await fixture.ListS3KeysAsync(Buckets.WebhooksInbound, key));
    }

    [Fact]
    public async Task TheHealthEndpointNamesTheSweeperPath()
    {
        var ct = TestContext.Current.CancellationToken;
        var portal = fixture.Client(ServiceNames.PortalService);
        string? description = null;

        await WaitUntilAsync(async () =>
        {
            using var response = await portal.GetAsync("/health", ct);
            var report = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
            description = report["checks"]?["storage-lifecycle"]?["description"]?.GetValue<string>();
            return description?.StartsWith("lifecycle: sweeper", StringComparison.Ordinal) == true;
        }, "the health endpoint to name the sweeper", ct);

        Assert.Contains("lifecycle configuration refused", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionSettingsAreReadBackAndBadValuesAreRefusedByField()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await CreateTenantAsync("lc-settings", ct);
        using var admin = _tenancy.TenantService();

        Assert.Equal(StorageRetention.Defaults, (await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct))!.StorageRetention);

        var set = await admin.PutAsJsonAsync($"/api/tenants/{id}/storage-retention", new StorageRetention(14, 60, 180), ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new StorageRetention(14, 60, 180), (await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct))!.StorageRetention);

        foreach (var (bad, field) in new[]
        {
            (new StorageRetention(30, 30, 90), "rawColdAfterDays"),
            (new StorageRetention(7, 0, 90), "rawDeleteAfterDays"),
            (new StorageRetention(7, 30, 4000), "mediaDeleteAfterDays"),
        })
        {
            var refused = await admin.PutAsJsonAsync($"/api/tenants/{id}/storage-retention", bad, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(field, (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(ct))!.Errors.Keys);
        }
        Assert.Equal(new StorageRetention(14, 60, 180), (await admin.GetFromJsonAsync<TenantResponse>($"/api/tenants/{id}", ct))!.StorageRetention);
    }

    private async Task<string> CreateTenantAsync(string prefix, CancellationToken ct)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..24];
        using var admin = _tenancy.TenantService();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(id, "Lifecycle Co"), ct)).StatusCode);
        return id;
    }

    private static string Day(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RawKey(string tenant, int daysAgo, string name) =>
        $"{tenant}/{Day(daysAgo)}/{DateTimeOffset.UtcNow.AddDays(-daysAgo).ToUnixTimeMilliseconds()}-wamid.{name}.json";

    private static string MediaKey(string tenant, int daysAgo, string name) => $"{tenant}/images/{Day(daysAgo)}/wamid.{name}.jpg";

    private static async Task PutAsync(IMinioClient s3, string bucket, string key, CancellationToken ct)
    {
        using var body = new MemoryStream("{}"u8.ToArray());
        await s3.PutObjectAsync(new PutObjectArgs().WithBucket(bucket).WithObject(key).WithStreamData(body).WithObjectSize(body.Length)
            .WithContentType("application/json"), ct);
    }

    private async Task<List<string>> ExistingAsync(IEnumerable<(string Bucket, string Key)> objects)
    {
        var found = new List<string>();
        foreach (var (bucket, key) in objects)
        {
            if ((await fixture.ListS3KeysAsync(bucket, key)).Contains(key))
            {
                found.Add($"{bucket}/{key}");
            }
        }
        return found;
    }

    /// <summary>Waits until the lifecycle has finished <paramref name="count"/> runs from now, read from the health endpoint.</summary>
    private async Task WaitForRunsAsync(int count, CancellationToken ct)
    {
        var last = await LastRunAsync(ct);
        for (var i = 0; i < count; i++)
        {
            var before = last;
            await WaitUntilAsync(async () => (last = await LastRunAsync(ct)) is { } run && (before is null || run > before), "a storage lifecycle run", ct);
        }
    }

    private async Task<DateTimeOffset?> LastRunAsync(CancellationToken ct)
    {
        using var response = await fixture.Client(ServiceNames.PortalService).GetAsync("/health", ct);
        var description = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["checks"]?["storage-lifecycle"]?["description"]?.GetValue<string>() ?? "";
        // "lifecycle: sweeper (...); last run 2026-12-05T03:01:02.1234567+00:00; deleted 0, ..." or "last run never".
        var at = description.Split("last run ", 2) is [_, var rest] ? rest.Split(';')[0] : "";
        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : null;
    }

    private async Task<IConnectionMultiplexer> RedisAsync() =>
        await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync(ResourceNames.Redis));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90); // three lifecycle intervals
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(500, ct);
        }
    }
}
