namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// Campaigns within Meta's limits, which the Meta sandbox enforces: the business's messaging-limit tier (unique
/// customers per moving 24 hours) and a spam-rate-limit strike (131048). Both apply to the tenant's own WABA and
/// number only, so these run beside the other tests.
/// </summary>
public sealed class CampaignPacingTests(AppFixture fixture)
{
    [Fact]
    public async Task TheMessagingLimitStopsTheCampaignVisiblyUntilTheTierIsRaised()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "tier-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 6, ct);
        // The business may reach 3 unique customers a day, at Meta and in the tenant's settings.
        await desk.SetMetaTierAsync("3", ct);
        await desk.SetMessagingLimitAsync(3, ct);

        var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct))["id"]!.GetValue<string>();

        var stopped = await desk.WaitForAsync(id, c => c["waitReason"]?.GetValue<string>()?.StartsWith("messaging_limit", StringComparison.Ordinal) == true,
            "waiting for the messaging limit", ct);
        Assert.Equal("running", CampaignDesk.Status(stopped));
        Assert.Equal(3, CampaignDesk.Count(stopped, "queued"));
        // The campaign stopped itself: Meta was never asked for a fourth customer (no attempt beyond one per recipient).
        var recipients = await desk.RecipientsAsync(id, ct);
        Assert.Equal(3, recipients.Sum(r => r["attempts"]!.GetValue<int>()));
        Assert.Equal(3, await ReceivedCountAsync(desk, waIds, ct));

        await desk.SetMetaTierAsync("10", ct);
        await desk.SetMessagingLimitAsync(10, ct);
        var done = await desk.WaitForStatusAsync(id, "completed", ct);

        Assert.Null(done["waitReason"]);
        await desk.AssertEachReceivedExactlyOnceAsync(waIds, ct);
        Assert.Equal(6, (await desk.RecipientsAsync(id, ct)).Sum(r => r["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ASpamRateLimitStrikeBacksTheWholeCampaignOffAndItStillCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "spam-" + Guid.NewGuid().ToString("N")[..6];
        var waIds = await desk.AddTaggedContactsAsync(tag, 5, ct);
        await desk.ArmSpamStrikeAsync(1, ct);

        var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct, messagesPerSecond: 5))["id"]!.GetValue<string>();

        var waiting = await desk.WaitForAsync(id, c => c["waitReason"]?.GetValue<string>()?.StartsWith("spam_rate_limit", StringComparison.Ordinal) == true,
            "backing off after 131048", ct);
        Assert.True(waiting["waitingUntil"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddSeconds(-5));
        var done = await desk.WaitForStatusAsync(id, "completed", ct);

        Assert.Equal(0, CampaignDesk.Count(done, "failed") + CampaignDesk.Count(done, "skipped"));
        await desk.AssertEachReceivedExactlyOnceAsync(waIds, ct);
        var struck = Assert.Single(await desk.RecipientsAsync(id, ct), r => r["attempts"]!.GetValue<int>() == 2);
        Assert.NotEqual("failed", struck["state"]!.GetValue<string>());
    }

    private static async Task<int> ReceivedCountAsync(CampaignDesk desk, IEnumerable<string> waIds, CancellationToken ct)
    {
        var total = 0;
        foreach (var waId in waIds)
        {
            total += (await desk.ReceivedAtMetaAsync(waId, ct)).Count;
        }
        return total;
    }
}
