using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WhatsAppGenesys.AppHostTesting;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// A campaign to <see cref="BenchmarkOptions.CampaignRecipients"/> contacts (100,000 by default) at the number's
/// throughput: a tenant with a WhatsApp Business Account of its own at the Meta sandbox, an approved template, the
/// audience imported as contacts through the streamed CSV import, the 100K messaging-limit tier at Meta and in the
/// portal settings; then the campaign, paced by portal-service at 80 msg/s (Meta's default per number), while Meta's
/// sent, delivered and read webhooks for every message come back through the inbound path. Measured: the send rate,
/// its slowest second, portal-service's resident set through the run (flat memory is the claim), and whether Meta
/// accepted exactly one message per recipient.
/// </summary>
public sealed class CampaignRun(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    private const string GraphVersion = "v23.0";
    private const string Campaigns = "/api/v1/portal/campaigns";
    private static readonly string[] SentStates = ["sent", "delivered", "read"];

    public async Task<MeasurementResult> RunAsync(CancellationToken cancellationToken)
    {
        var recipients = options.CampaignRecipients;
        var portal = await CreateTenantAsync(cancellationToken);
        var template = await ApproveTemplateAsync(portal, cancellationToken);
        var tag = "bench-campaign";
        log($"campaign: importing {recipients:N0} contacts");
        var importClock = Stopwatch.StartNew();
        TimeSpan importTook;
        using (var import = await portal.PostAsync("/api/v1/portal/contacts/import", Audience(recipients, tag), cancellationToken))
        {
            var report = (await import.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            importTook = importClock.Elapsed;
            log($"  imported {report["imported"]} in {importTook.TotalSeconds:0} s ({report["rejected"]} rejected)");
        }

        var meta = system.Client(ServiceNames.MetaSandbox);
        var acceptedBefore = await AcceptedAtMetaAsync(meta, cancellationToken);
        var portalPid = system.App.GetProcessIds(ServiceNames.PortalService)[0];
        var before = ProcessMeter.Snapshot(system.App);
        using var created = await portal.PostAsJsonAsync(Campaigns, new
        {
            name = "Benchmark campaign",
            template = new { name = template, language = "en_US" },
            parameters = new object[]
            {
                new { component = "body", name = "1", source = "attribute", value = "first_name" },
                new { component = "body", name = "2", source = "attribute", value = "order" },
            },
            audience = new { tags = new[] { tag } },
        }, cancellationToken);
        var id = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!.GetValue<string>();
        log($"campaign {id}: sending to {recipients:N0} recipients at the number's throughput");

        var progress = await FollowAsync(portal, id, portalPid, recipients, cancellationToken);
        var after = ProcessMeter.Snapshot(system.App);
        var accepted = await AcceptedAtMetaAsync(meta, cancellationToken) - acceptedBefore;

        var rate = progress.Sent / Math.Max(1e-3, progress.SendingTook.TotalSeconds);
        log($"  {progress.Sent:N0} sent in {progress.SendingTook.TotalSeconds:0} s ({rate:0.0}/s), {progress.Failed} failed, {accepted:N0} accepted at Meta; " +
            $"portal-service RSS {Mb(progress.RssAtTenPercent)} MB at 10 %, {Mb(progress.RssAtHalf)} MB at 50 %, peak {Mb(progress.RssPeak)} MB");
        return new MeasurementResult
        {
            Name = $"Campaign, {recipients / 1000.0:0}k recipients",
            Load = $"one campaign paced at the number's {progress.Pace:0} msg/s; Meta's three statuses per message coming back",
            Rate = rate,
            WorstSecond = progress.WorstSecond,
            Completed = progress.Sent,
            Lost = recipients - progress.Sent - progress.Failed,
            Duplicates = Math.Max(0, accepted - progress.Sent),
            Errors = progress.Failed,
            Floor = $"≈ {progress.Pace:0}/s, flat memory",
            MeetsFloor = rate >= progress.Pace * 0.95 && progress.RssPeak - progress.RssAtTenPercent < 64L * 1024 * 1024,
            Notes = $"{recipients:N0} contacts imported in {importTook.TotalSeconds:0} s before the campaign; portal-service RSS " +
                $"{Mb(progress.RssAtTenPercent)} MB at 10 % sent, {Mb(progress.RssAtHalf)} MB at 50 %, peak {Mb(progress.RssPeak)} MB " +
                $"(with {progress.RssPeakAtSent:N0} sent); " +
                $"Meta accepted {accepted:N0} messages for {progress.Sent:N0} sent recipients",
            Cpu = after.Since(before),
        };
    }

    /// <summary>Polls the campaign every second until every recipient is sent or failed, sampling portal-service's RSS.</summary>
    private static async Task<CampaignProgress> FollowAsync(HttpClient portal, string id, int portalPid, int recipients, CancellationToken cancellationToken)
    {
        var progress = new CampaignProgress();
        Stopwatch? sending = null;
        long lastSent = 0;
        var lastTick = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddSeconds(recipients / 20.0 + 600);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var campaign = (await portal.GetFromJsonAsync<JsonObject>($"{Campaigns}/{id}", cancellationToken))!;
            var counts = campaign["counts"]!.AsObject();
            var sent = SentStates.Sum(s => counts[s]?.GetValue<long>() ?? 0);
            var failed = counts["failed"]?.GetValue<long>() ?? 0;
            progress.Pace = campaign["messagesPerSecond"]?.GetValue<double>() ?? 80;
            var rss = ProcFs.ResidentBytes(portalPid);
            if (rss > progress.RssPeak)
            {
                (progress.RssPeak, progress.RssPeakAtSent) = (rss, sent);
            }
            if (progress.RssAtTenPercent == 0 && sent >= recipients / 10)
            {
                progress.RssAtTenPercent = rss;
            }
            if (progress.RssAtHalf == 0 && sent >= recipients / 2)
            {
                progress.RssAtHalf = rss;
            }
            if (sent > 0 && sending is null)
            {
                sending = Stopwatch.StartNew();
            }
            else if (sending is not null && sent < recipients && failed == 0)
            {
                // A whole second between two polls, while sends were still going: its count is the slowest second so far.
                var tick = sending.Elapsed;
                var perSecond = (int)((sent - lastSent) / Math.Max(1e-3, (tick - lastTick).TotalSeconds));
                progress.WorstSecond = progress.WorstSecond is { } worst ? Math.Min(worst, perSecond) : perSecond;
                lastTick = tick;
            }
            lastSent = sent;
            progress.Sent = sent;
            progress.Failed = failed;
            if (sent + failed >= recipients)
            {
                break;
            }
        }
        progress.SendingTook = sending?.Elapsed ?? TimeSpan.Zero;
        return progress;
    }

    /// <summary>A tenant with a business of its own at the Meta sandbox (its webhooks to our whatsapp-webhook), and a gateway client with its key.</summary>
    private async Task<HttpClient> CreateTenantAsync(CancellationToken cancellationToken)
    {
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var tenantId = $"campaign-{suffix}";
        var business = SandboxBusiness.Create(
            "71" + RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture), suffix);
        var meta = system.Client(ServiceNames.MetaSandbox);
        await business.RegisterAsync(meta, system.Endpoint(ServiceNames.WhatsAppWebhook), cancellationToken);
        using (var tier = await meta.PutAsJsonAsync($"/sandbox/limits/businesses/{business.WabaId}", new { tier = "TIER_100K" }, cancellationToken))
        {
            tier.EnsureSuccessStatusCode();
        }

        var admin = system.Client(ServiceNames.ApiGateway, system.AdminApiKey);
        using (var created = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(tenantId, "Campaign benchmark",
            new WhatsAppConfigRequest(business.WabaId, [business.PhoneNumberId], business.DisplayPhoneNumber, GraphVersion, business.AccessToken,
                business.AppSecret, business.VerifyToken), null), cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }
        using var keyResponse = await admin.PostAsJsonAsync($"/api/tenants/{tenantId}/api-keys", new CreateApiKeyRequest("campaign-benchmark"), cancellationToken);
        var key = (await keyResponse.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedApiKeyResponse>(cancellationToken))!;
        var portal = system.Client(ServiceNames.ApiGateway, key.ApiKey);
        portal.Timeout = TimeSpan.FromMinutes(15);

        var settings = (await portal.GetFromJsonAsync<JsonObject>("/api/v1/portal/settings", cancellationToken))!;
        settings["campaignMessagingLimit"] = 100_000;
        using (var updated = await portal.PutAsJsonAsync("/api/v1/portal/settings", settings, cancellationToken))
        {
            updated.EnsureSuccessStatusCode();
        }
        return portal;
    }

    /// <summary>Creates a utility template through the portal and waits for Meta's approval webhook to reach it.</summary>
    private static async Task<string> ApproveTemplateAsync(HttpClient portal, CancellationToken cancellationToken)
    {
        var name = $"bench_order_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        using (var created = await portal.PostAsJsonAsync("/api/v1/portal/templates", new
        {
            name,
            language = "en_US",
            category = "UTILITY",
            components = new object[]
            {
                new { type = "BODY", text = "Hello {{1}}, your order {{2}} ships today.", example = new { body_text = new[] { new[] { "Ana", "8841" } } } },
            },
        }, cancellationToken))
        {
            created.EnsureSuccessStatusCode();
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await portal.GetAsync($"/api/v1/portal/templates/{name}/en_US", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["status"]?.GetValue<string>() == "APPROVED")
            {
                return name;
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"Template {name} was not approved within 60 s.");
    }

    /// <summary>The audience as a CSV written while it is uploaded: numbers +4915…, a first name and an order number each.</summary>
    private static GeneratedCsvContent Audience(int recipients, string tag) => new("phone,name,tags,first_name,order", recipients, i =>
        $"+4915{GeneratedCsvContent.Number(20_000_000 + i)},Customer {GeneratedCsvContent.Number(i)},{tag},Customer{GeneratedCsvContent.Number(i)},{GeneratedCsvContent.Number(100_000 + i)}");

    private static async Task<long> AcceptedAtMetaAsync(HttpClient meta, CancellationToken cancellationToken) =>
        (await meta.GetFromJsonAsync<JsonObject>("/sandbox/stats", cancellationToken))!["messagesAccepted"]!.GetValue<long>();

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class CampaignProgress
    {
        public long Sent { get; set; }
        public long Failed { get; set; }
        public double Pace { get; set; }
        public int? WorstSecond { get; set; }
        public TimeSpan SendingTook { get; set; }
        public long RssAtTenPercent { get; set; }
        public long RssAtHalf { get; set; }
        public long RssPeak { get; set; }
        public long RssPeakAtSent { get; set; }
    }
}
