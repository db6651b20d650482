using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Campaigns through faults that touch everyone: the Meta sandbox's throughput lowered for every number, and
/// portal-service (which runs the scheduler) killed mid-campaign. They run alone, after the parallel tests
/// (<see cref="FaultInjectionCollection"/>), and leave the application as they found it.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class CampaignFaultTests(AppFixture fixture)
{
    [Fact]
    public async Task ThroughputThrottlesAreBackedOffAndEveryRecipientIsSentOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "mps-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 12, ct);
        await desk.PatchMetaLimitsAsync(new { messagesPerSecond = 2 }, ct);
        try
        {
            // The campaign would go at the number's 80/s; Meta takes 2 a second and answers the rest 130429.
            var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct))["id"]!.GetValue<string>();
            var done = await desk.WaitForStatusAsync(id, "completed", ct, seconds: 120);

            Assert.Equal(0, CampaignDesk.Count(done, "failed") + CampaignDesk.Count(done, "skipped"));
            await desk.AssertEachReceivedExactlyOnceAsync(waIds, ct);
            // Each throttle holds the number for a back-off instead of hammering Meta. Up to 16 sends are in flight when
            // the first 130429 comes back, so that first wave alone can be refused nearly whole; after it the back-off
            // keeps refusals to a few: at most two per recipient in all (hammering would be many per recipient).
            var refusals = (await desk.RecipientsAsync(id, ct)).Sum(r => r["attempts"]!.GetValue<int>()) - waIds.Count;
            Assert.InRange(refusals, 1, 2 * waIds.Count);
        }
        finally
        {
            await desk.PatchMetaLimitsAsync(new { messagesPerSecond = 80 }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task PortalServiceKilledMidCampaignResumesAndSendsEveryRecipientExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "kill-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 30, ct);
        var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct, messagesPerSecond: 3))["id"]!.GetValue<string>();
        await desk.WaitForAsync(id, c => CampaignDesk.Count(c, "queued") <= 24 && c["audienceComplete"]!.GetValue<bool>(), "under way", ct);

        try
        {
            await fixture.App.KillResourceAsync(ServiceNames.PortalService, ct);
            var sentBeforeRestart = 0;
            foreach (var waId in waIds)
            {
                sentBeforeRestart += (await desk.ReceivedAtMetaAsync(waId, ct)).Count;
            }
            Assert.InRange(sentBeforeRestart, 6, 29);
        }
        finally
        {
            await fixture.App.StartResourceAsync(ServiceNames.PortalService, CancellationToken.None);
        }

        var done = await desk.WaitForStatusAsync(id, "completed", ct, seconds: 120);

        Assert.Equal(30, CampaignDesk.Count(done, "sent") + CampaignDesk.Count(done, "delivered") + CampaignDesk.Count(done, "read"));
        await desk.AssertEachReceivedExactlyOnceAsync(waIds, ct);
        var recipients = await desk.RecipientsAsync(id, ct);
        Assert.Equal(30, recipients.Select(r => r["wamid"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
    }
}
