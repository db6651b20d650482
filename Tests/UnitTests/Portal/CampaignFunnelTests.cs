using WhatsAppGenesys.Contracts.Portal;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>
/// The pure parts of the campaign funnel: which stages a recipient's forward status move newly reaches, which
/// addresses a customer's message is matched against, and the funnel's figures when nothing was sent.
/// </summary>
public class CampaignFunnelTests
{
    [Theory]
    [InlineData("sent", "delivered", true, false)]
    [InlineData("delivered", "read", false, true)]
    // A read without (or before) its delivered: the recipient's message was delivered, so both count.
    [InlineData("sent", "read", true, true)]
    [InlineData("failed", "delivered", true, false)]
    [InlineData("failed", "read", true, true)]
    [InlineData("sent", "failed", false, false)]
    public void ARecipientsStatusMoveReachesDeliveredAndReadOnce(string previous, string current, bool delivered, bool read)
    {
        Assert.Equal((delivered, read), (StatusReach.Delivered(previous, current), StatusReach.Read(previous, current)));
    }

    [Theory]
    [InlineData("delivered", "delivered")]
    [InlineData("read", "read")]
    [InlineData("read", "delivered")]
    public void ARepeatedOrWeakerStatusReachesNothing(string previous, string current)
    {
        Assert.False(StatusReach.Delivered(previous, current));
        Assert.False(StatusReach.Read(previous, current));
    }

    [Fact]
    public void ARecipientsMoveCountsWhatItReachedUnderItsCampaignInTheHourItWasSent()
    {
        var campaign = Guid.NewGuid();
        var sentAt = new DateTimeOffset(2026, 12, 6, 14, 59, 58, TimeSpan.Zero);

        var increments = CampaignFunnel.ForRecipientMove("t1", campaign, "sent", "read", sentAt).ToList();

        Assert.Equal([CampaignFunnel.MetricOf(CampaignFunnelStage.Delivered), CampaignFunnel.MetricOf(CampaignFunnelStage.Read)],
            increments.Select(i => i.Metric));
        Assert.All(increments, i => Assert.Equal(("t1", campaign.ToString("D"), 1L, new DateTimeOffset(2026, 12, 6, 14, 0, 0, TimeSpan.Zero)),
            (i.TenantId, i.Dimension, i.Value, i.BucketStart)));
        Assert.Empty(CampaignFunnel.ForRecipientMove("t1", campaign, "sent", "failed", sentAt));
    }

    [Fact]
    public void ACustomerIsMatchedByTheE164FormOfTheirWaIdAndByTheirBsuid()
    {
        Assert.Equal(["+4915112345678"], CampaignResponses.AddressesOf("4915112345678", null));
        Assert.Equal(["+4915112345678", "US.13491208655302741918"], CampaignResponses.AddressesOf("4915112345678", "US.13491208655302741918"));
        Assert.Equal(["US.13491208655302741918"], CampaignResponses.AddressesOf(null, "US.13491208655302741918"));
        Assert.Empty(CampaignResponses.AddressesOf(null, null));
        Assert.Empty(CampaignResponses.AddressesOf("12", null));
    }

    [Fact]
    public void AFunnelWithNothingSentHasItsTargetedButNoRates()
    {
        var funnel = CampaignFunnel.Figures("c1", stage => stage == CampaignFunnelStage.Targeted ? 4 : 0);

        Assert.Equal(("c1", 4L, 0L), (funnel.CampaignId, funnel.Targeted, funnel.Sent));
        Assert.Equal([null, null, null, null], new[] { funnel.DeliveredRate, funnel.ReadRate, funnel.ReplyRate, funnel.OptOutRate });
    }

    [Fact]
    public void EachStageHasItsOwnMetricThatFitsTheCountersColumn()
    {
        var metrics = Enum.GetValues<CampaignFunnelStage>().Select(CampaignFunnel.MetricOf).ToList();

        Assert.Equal(metrics.Count, metrics.Distinct().Count());
        Assert.All(metrics, m => Assert.True(m.StartsWith(AnalyticsMetrics.CampaignPrefix, StringComparison.Ordinal) && m.Length <= 32, m));
    }
}
