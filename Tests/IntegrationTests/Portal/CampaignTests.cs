using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Campaigns end to end through the gateway: made with a tenant key, sent by portal-service's scheduler through the
/// WhatsApp API service to the Meta sandbox, their recipients moved on by Meta's status webhooks. Each test has a
/// tenant (and WABA) of its own.
/// </summary>
public sealed class CampaignTests(AppFixture fixture)
{
    [Fact]
    public async Task ACampaignToAListSendsEachContactTheirRenderedTemplateAndSkipsWhoCannotBeSent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var ana = await desk.AddContactAsync("Ana", new { first_name = "Ana", order = "8841" }, ct);
        var ben = await desk.AddContactAsync("Ben", new { first_name = "Ben", order = "77" }, ct);
        var noOrder = await desk.AddContactAsync("Carl", new { first_name = "Carl" }, ct);
        var optedOut = await desk.AddContactAsync("Dora", new { first_name = "Dora", order = "1" }, ct);
        await desk.OptOutAsync(optedOut.Id, ct);
        var list = await desk.Client.PostAsJsonAsync("/api/v1/portal/lists", new { name = "Spring" }, ct);
        var listId = (await list.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        using (var members = await desk.Client.PostAsJsonAsync($"/api/v1/portal/lists/{listId}/members",
            new { contactIds = new[] { ana.Id, ben.Id, noOrder.Id, optedOut.Id } }, ct))
        {
            members.EnsureSuccessStatusCode();
        }

        var campaign = await desk.CreateCampaignAsync(new { lists = new[] { listId } }, ct);
        var id = campaign["id"]!.GetValue<string>();

        var done = await desk.WaitForStatusAsync(id, "completed", ct);
        // Sent, then delivered and read by the sandbox's phone: Meta's statuses reach the recipients through the history.
        done = await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "read") == 2, "read by both", ct);
        Assert.Equal(1, CampaignDesk.Count(done, "skipped"));
        Assert.Equal(3, done["counts"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
        // The funnel targets everyone written as a recipient, the one skipped for a missing attribute included.
        Assert.Equal((3L, 2L, 2L, 2L, 0L, 0L), CampaignDesk.Funnel(done));

        var anaAtMeta = Assert.Single(await desk.ReceivedAtMetaAsync(ana.WaId, ct));
        var benAtMeta = Assert.Single(await desk.ReceivedAtMetaAsync(ben.WaId, ct));
        Assert.Equal(["Ana", "8841"], CampaignDesk.BodyParameters(anaAtMeta));
        Assert.Equal(["Ben", "77"], CampaignDesk.BodyParameters(benAtMeta));
        Assert.Equal(desk.Template, anaAtMeta["body"]!["template"]!["name"]!.GetValue<string>());
        Assert.Empty(await desk.ReceivedAtMetaAsync(noOrder.WaId, ct));
        Assert.Empty(await desk.ReceivedAtMetaAsync(optedOut.WaId, ct));

        var recipients = await desk.RecipientsAsync(id, ct);
        Assert.Equal(new[] { ana.Id, ben.Id, noOrder.Id }.Order(StringComparer.Ordinal), recipients.Select(r => r["contactId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var anaRow = recipients.Single(r => r["contactId"]!.GetValue<string>() == ana.Id);
        Assert.Equal(("read", anaAtMeta["wamid"]!.GetValue<string>()), (anaRow["state"]!.GetValue<string>(), anaRow["wamid"]!.GetValue<string>()));
        var skipped = Assert.Single(await desk.RecipientsAsync(id, ct, state: "skipped"));
        Assert.Equal(noOrder.Id, skipped["contactId"]!.GetValue<string>());
        Assert.Contains("order", skipped["failureReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendsOverlapWhenMetaAnswersSlowlySoTheCampaignKeepsItsPace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "slow-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 10, ct);
        const int MetaLatencyMs = 1500;
        var rule = await desk.SlowDownMetaAsync(MetaLatencyMs, ct);
        try
        {
            var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct, messagesPerSecond: 10))["id"]!.GetValue<string>();
            var done = await desk.WaitForStatusAsync(id, "completed", ct);

            Assert.Equal(0, CampaignDesk.Count(done, "failed") + CampaignDesk.Count(done, "skipped"));
            await desk.AssertEachReceivedExactlyOnceAsync(waIds, ct);
            var accepted = new List<DateTimeOffset>();
            foreach (var waId in waIds)
            {
                accepted.Add((await desk.ReceivedAtMetaAsync(waId, ct))[0]["acceptedAt"]!.GetValue<DateTimeOffset>());
            }
            // Sent one after the other, each waiting out Meta's 1.5 s, ten acceptances would span at least 9 × 1.5 s;
            // paced at 10/s with the sends in flight together, they span about one second.
            var span = accepted.Max() - accepted.Min();
            Assert.True(span < TimeSpan.FromMilliseconds(9 * MetaLatencyMs * 0.6), $"Meta accepted the ten sends over {span.TotalSeconds:0.0} s.");
        }
        finally
        {
            await desk.RemoveMetaFaultAsync(rule);
        }
    }

    [Fact]
    public async Task AScheduledCampaignWaitsForItsLocalTimeThenPausesResumesAndHonoursALaterOptOut()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "sched-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 5, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(8);
        var local = TimeZoneInfo.ConvertTime(startsAt, zone).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

        var campaign = await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct,
            schedule: new { at = local, timeZone = "America/New_York" }, messagesPerSecond: 1);
        var id = campaign["id"]!.GetValue<string>();

        Assert.Equal("scheduled", CampaignDesk.Status(campaign));
        var scheduledAt = campaign["scheduledAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(startsAt.ToUnixTimeSeconds(), scheduledAt.ToUnixTimeSeconds());
        Assert.Empty(await desk.ReceivedAtMetaAsync(waIds[0], ct));

        await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "sent") + CampaignDesk.Count(c, "delivered") + CampaignDesk.Count(c, "read") >= 1, "sending", ct);
        var first = Assert.Single(await desk.ReceivedAtMetaAsync(waIds[0], ct));
        Assert.True(first["acceptedAt"]!.GetValue<DateTimeOffset>() >= scheduledAt, "Sent before its scheduled time.");

        var paused = await desk.ActAsync(id, "pause", ct);
        Assert.Equal("paused", CampaignDesk.Status(paused));
        // The last contact opts out while the campaign is paused: it was drawn into the audience, but is never sent.
        var lastContact = (await desk.RecipientsAsync(id, ct)).Select(r => r["contactId"]!.GetValue<string>()).Max(StringComparer.Ordinal)!;
        await desk.OptOutAsync(lastContact, ct);
        // A send under way when the pause committed still lands; nothing after it.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var sentWhenPaused = await SentAtMetaAsync(desk, waIds, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal(sentWhenPaused, await SentAtMetaAsync(desk, waIds, ct));
        Assert.True(sentWhenPaused < 4, $"{sentWhenPaused} sent before the pause took hold; the opt-out test needs the last one unsent.");

        await desk.ActAsync(id, "resume", ct);
        var done = await desk.WaitForStatusAsync(id, "completed", ct);

        Assert.Equal(1, CampaignDesk.Count(done, "skipped"));
        var skipped = Assert.Single(await desk.RecipientsAsync(id, ct, state: "skipped"));
        Assert.Equal((lastContact, "opted_out"), (skipped["contactId"]!.GetValue<string>(), skipped["failureReason"]!.GetValue<string>()));
        await desk.AssertEachReceivedExactlyOnceAsync(waIds.Take(4), ct);
        Assert.Empty(await desk.ReceivedAtMetaAsync(waIds[4], ct));
        using var again = await desk.Client.PostAsync($"{CampaignDesk.Campaigns}/{id}/pause", null, ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ErasingACustomerSkipsThemIfStillQueuedAndForgetsTheirNumberInEveryRecipientRow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "erase-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 4, ct);
        var campaign = await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct, messagesPerSecond: 0.5);
        var id = campaign["id"]!.GetValue<string>();
        await desk.WaitForAsync(id, c => c["audienceComplete"]!.GetValue<bool>() && CampaignDesk.Count(c, "queued") is > 0 and < 4, "sending", ct);

        // The last contact is still queued (one send every two seconds, in creation order) when their erasure comes.
        using (var erase = await desk.Client.DeleteAsync($"/api/v1/portal/customers/%2B{waIds[3]}/history", ct))
        {
            erase.EnsureSuccessStatusCode();
        }
        var done = await desk.WaitForStatusAsync(id, "completed", ct);
        using (var erase = await desk.Client.DeleteAsync($"/api/v1/portal/customers/%2B{waIds[0]}/history", ct))
        {
            erase.EnsureSuccessStatusCode();
        }

        Assert.Empty(await desk.ReceivedAtMetaAsync(waIds[3], ct));
        Assert.Single(await desk.ReceivedAtMetaAsync(waIds[0], ct));
        Assert.Equal(1, CampaignDesk.Count(done, "skipped"));
        var skipped = Assert.Single(await desk.RecipientsAsync(id, ct, state: "skipped"));
        Assert.Equal("erased", skipped["failureReason"]!.GetValue<string>());
        var recipients = await desk.RecipientsAsync(id, ct);
        Assert.Equal(2, recipients.Count(r => r["address"] is null));
        Assert.Equal(new[] { "+" + waIds[1], "+" + waIds[2] }.Order(StringComparer.Ordinal), recipients.Where(r => r["address"] is not null)
            .Select(r => r["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // The erased customer who got the message still counts as sent: the campaign's totals stay true.
        Assert.Equal(3, (await desk.GetAsync(id, ct))["counts"]!.AsObject()
            .Where(c => c.Key is "sent" or "delivered" or "read").Sum(c => c.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task ACustomerErasedWhileTheirSendIsUnderWayIsForgottenOnceItSettles()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "erase-mid-" + Guid.NewGuid().ToString("N")[..6];
        var waId = Assert.Single(await desk.AddTaggedContactsAsync(tag, 1, ct));
        // Meta holds the send for 4 s: the erasure comes while the recipient is "sending".
        var rule = await desk.SlowDownMetaAsync(4000, ct);
        try
        {
            var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct))["id"]!.GetValue<string>();
            await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "sending") == 1, "sending", ct);
            using (var erase = await desk.Client.DeleteAsync($"/api/v1/portal/customers/%2B{waId}/history", ct))
            {
                erase.EnsureSuccessStatusCode();
            }
            var done = await desk.WaitForStatusAsync(id, "completed", ct);

            // The message went out (it was in Meta's hands); then everything that named the customer went.
            Assert.Single(await desk.ReceivedAtMetaAsync(waId, ct));
            Assert.Equal(1, CampaignDesk.Count(done, "sent") + CampaignDesk.Count(done, "delivered") + CampaignDesk.Count(done, "read"));
            var recipient = Assert.Single(await desk.RecipientsAsync(id, ct));
            Assert.Null(recipient["address"]);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            // The history row stored after the erasure went with it: the tenant has no history with this customer.
            var history = await HistoryDesk.GetAsync(desk.Client, HistoryDesk.CustomerMessages(waId), ct);
            Assert.Equal(HttpStatusCode.NotFound, history.Status);
        }
        finally
        {
            await desk.RemoveMetaFaultAsync(rule);
        }
    }

    [Fact]
    public async Task CancellingACampaignStopsItAndSkipsWhoWasNotSentYet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "cancel-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 6, ct);
        var campaign = await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct, messagesPerSecond: 0.5);
        var id = campaign["id"]!.GetValue<string>();
        await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "queued") < 6 && c["audienceComplete"]!.GetValue<bool>(), "sending", ct);

        var cancelled = await desk.ActAsync(id, "cancel", ct);

        Assert.Equal("cancelled", CampaignDesk.Status(cancelled));
        Assert.Equal(0, CampaignDesk.Count(cancelled, "queued"));
        var skipped = CampaignDesk.Count(cancelled, "skipped");
        Assert.InRange(skipped, 1, 5);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var sentWhenCancelled = await SentAtMetaAsync(desk, waIds, ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.Equal(sentWhenCancelled, await SentAtMetaAsync(desk, waIds, ct));
        Assert.Equal(6 - skipped, sentWhenCancelled);
        Assert.All(await desk.RecipientsAsync(id, ct, state: "skipped"), r => Assert.Equal("cancelled", r["failureReason"]!.GetValue<string>()));
        using var resume = await desk.Client.PostAsync($"{CampaignDesk.Campaigns}/{id}/resume", null, ct);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
    }

    [Fact]
    public async Task BadRequestsAreRefusedByFieldAndATemplateThatCannotTakeTheMappingWith422()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);

        using var bad = await desk.Client.PostAsJsonAsync(CampaignDesk.Campaigns, new
        {
            name = "",
            template = new { name = "Not A Name", language = "en_US" },
            parameters = new[] { new { component = "footer", name = "1", source = "nowhere", value = "x" } },
            audience = new { lists = Array.Empty<string>(), tags = Array.Empty<string>() },
            schedule = new { at = "tomorrow", timeZone = "Mars/Olympus" },
            messagesPerSecond = 0,
        }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject();
        Assert.Equal(["audience", "messagesPerSecond", "name", "parameters[0]", "schedule.at", "schedule.timeZone", "template.name"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        // The template takes two body parameters; one is mapped.
        using var wrongCount = await desk.Client.PostAsJsonAsync(CampaignDesk.Campaigns, new
        {
            name = "Too few parameters",
            template = new { name = desk.Template, language = "en_US" },
            parameters = new[] { new { component = "body", name = "1", source = "name", value = (string?)null } },
            audience = new { tags = new[] { "anyone" } },
        }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongCount.StatusCode);
        Assert.Contains("template.body", (await wrongCount.Content.ReadFromJsonAsync<JsonObject>(ct))!["errors"]!.AsObject().Select(e => e.Key));

        using var unknown = await desk.Client.PostAsJsonAsync(CampaignDesk.Campaigns, new
        {
            name = "No such template",
            template = new { name = "no_such_template", language = "en_US" },
            audience = new { tags = new[] { "anyone" } },
        }, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);

        // Another tenant's key sees none of this tenant's campaigns.
        var campaign = await desk.CreateCampaignAsync(new { tags = new[] { "nobody-has-this" } }, ct);
        using var other = await CampaignDesk.CreateAsync(fixture, ct);
        using var foreign = await other.Client.GetAsync($"{CampaignDesk.Campaigns}/{campaign["id"]!.GetValue<string>()}", ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var list = (await desk.Client.GetFromJsonAsync<JsonObject>(CampaignDesk.Campaigns, ct))!;
        Assert.Equal(campaign["id"]!.GetValue<string>(), Assert.Single(list["items"]!.AsArray())!["id"]!.GetValue<string>());
        // An audience nobody is in completes at once, with no recipients.
        var empty = await desk.WaitForStatusAsync(campaign["id"]!.GetValue<string>(), "completed", ct);
        Assert.All(empty["counts"]!.AsObject(), c => Assert.Equal(0, c.Value!.GetValue<int>()));
    }

    [Fact]
    public async Task ARecipientsReplyReachesTheAgentTaggedWithTheCampaign()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct, withGenesys: true);
        var ana = await desk.AddContactAsync("Ana", new { first_name = "Ana", order = "8841" }, ct, ["reply"]);
        var bystander = Inbound.Sandboxes.NewCustomer();
        var id = (await desk.CreateCampaignAsync(new { tags = new[] { "reply" } }, ct))["id"]!.GetValue<string>();
        await desk.WaitForStatusAsync(id, "completed", ct);

        await desk.CustomerWritesAsync(ana.WaId, "Where is my order?", ct);
        await desk.CustomerWritesAsync(bystander, "Hello", ct);

        var sandboxes = new Inbound.Sandboxes(fixture);
        var reply = Assert.Single(await sandboxes.WaitForAgentMessagesAsync(ana.WaId, 1));
        Assert.Equal(id, reply["channelMetadata"]!["customAttributes"]!["campaignId"]!.GetValue<string>());
        Assert.Equal(desk.Tenant.TenantId, reply["channelMetadata"]!["customAttributes"]!["tenantId"]!.GetValue<string>());
        var other = Assert.Single(await sandboxes.WaitForAgentMessagesAsync(bystander, 1));
        Assert.Null(other["channelMetadata"]!["customAttributes"]!["campaignId"]);
    }

    [Fact]
    public async Task TheFunnelCountsEachRecipientOnceHoweverOftenMetaDeliversItsStatusesAndReplies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct, withGenesys: true);
        var tag = "funnel-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 3, ct);
        var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct))["id"]!.GetValue<string>();
        await desk.WaitForStatusAsync(id, "completed", ct);

        // The sandbox's phones report delivered, then read: each recipient counts once at every stage.
        var read = await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "read") == 3, "read by all", ct);
        Assert.Equal((3L, 3L, 3L, 3L, 0L, 0L), CampaignDesk.Funnel(read));

        // Meta delivers at least once: the first customer's delivered and read come again; they write, the same
        // message comes again, and they write once more; the second customer writes STOP; the third stays silent.
        var first = Assert.Single(await desk.ReceivedAtMetaAsync(waIds[0], ct))["wamid"]!.GetValue<string>();
        await desk.SendStatusesAsync(first, ["delivered", "read"], ct);
        var question = await desk.CustomerWritesAsync(waIds[0], "Where is my order?", ct);
        await desk.CustomerWritesAsync(waIds[0], "Where is my order?", ct, wamid: question);
        await desk.CustomerWritesAsync(waIds[0], "Any news?", ct);
        await desk.CustomerWritesAsync(waIds[1], "STOP", ct);
        await desk.WaitForHistoryAsync(waIds[0], "Any news?", ct);
        await desk.WaitForAsync(id, c => CampaignDesk.Funnel(c).OptedOut == 1, "opted out by the second customer", ct);
        await AgentDesk.SettleAsync();

        var campaign = await desk.GetAsync(id, ct);
        Assert.Equal((3L, 3L, 3L, 3L, 2L, 1L), CampaignDesk.Funnel(campaign));
        Assert.Equal((1.0, 0.6667, 0.3333), (campaign["funnel"]!["readRate"]!.GetValue<double>(), campaign["funnel"]!["replyRate"]!.GetValue<double>(),
            campaign["funnel"]!["optOutRate"]!.GetValue<double>()));
        var recipients = (await desk.RecipientsAsync(id, ct)).ToDictionary(r => r["address"]!.GetValue<string>()[1..]);
        Assert.Equal((true, false), Marks(recipients[waIds[0]]));
        Assert.Equal((true, true), Marks(recipients[waIds[1]]));
        Assert.Equal((false, false), Marks(recipients[waIds[2]]));

        // The analytics report shows the same funnel under the campaign's id, in the hour it was sent.
        var analytics = (await desk.Client.GetFromJsonAsync<JsonObject>("/api/v1/portal/analytics", ct))!;
        var funnel = Assert.Single(analytics["totals"]!["campaigns"]!.AsArray())!;
        Assert.Equal(id, funnel["campaignId"]!.GetValue<string>());
        Assert.Equal(campaign["funnel"]!.ToJsonString(), funnel.ToJsonString());
        // The campaign's messages are the tenant's messages too: its outbound volume and delivery figures count them,
        // and no agent is credited with answering anyone.
        var totals = analytics["totals"]!.AsObject();
        Assert.Equal((3L, 3L, 3L, 3L), (AnalyticsDesk.Count(totals, "outbound.total"), AnalyticsDesk.Count(totals, "outbound.byType.template"),
            AnalyticsDesk.Count(totals, "delivered"), AnalyticsDesk.Count(totals, "read")));
        Assert.Equal(0L, AnalyticsDesk.Count(totals, "response.count"));

        // And the first customer's history shows what they were sent before they asked.
        var history = HistoryDesk.Items((await HistoryDesk.GetAsync(desk.Client, HistoryDesk.CustomerMessages(waIds[0]), ct)).Body!);
        var sent = Assert.Single(history, m => HistoryDesk.Str(m, "direction") == "outbound");
        Assert.Equal((first, "template", desk.Template, "read"), (HistoryDesk.Str(sent, "messageId"), HistoryDesk.Str(sent, "type"),
            sent["template"]!["name"]!.GetValue<string>(), HistoryDesk.Str(sent, "status")));
        Assert.Equal(["Customer1", "1001"], sent["template"]!["parameters"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    private static (bool Replied, bool OptedOut) Marks(JsonObject recipient) =>
        (recipient["repliedAt"] is not null, recipient["optedOutAt"] is not null);

    private static async Task<int> SentAtMetaAsync(CampaignDesk desk, IEnumerable<string> waIds, CancellationToken ct)
    {
        var total = 0;
        foreach (var waId in waIds)
        {
            total += (await desk.ReceivedAtMetaAsync(waId, ct)).Count;
        }
        return total;
    }
}
