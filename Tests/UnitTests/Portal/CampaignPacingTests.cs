using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>What a campaign does with each of Meta's limits, and how evenly it spaces its sends.</summary>
public class CampaignPacingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CampaignOptions Options = new();

    private static ProviderError Error(string code, bool retryable, double? retryAfter = null, int status = 400) =>
        new("meta", status, code, $"Meta said {code}", retryable, retryAfter);

    [Fact]
    public void AThroughputThrottleHoldsTheNumberForRetryAfter()
    {
        var decision = Assert.IsType<SendDecision.RetryRecipient>(PacingPolicy.Decide(Error("130429", true, retryAfter: 3), 1, Now, Options));

        Assert.Equal((Now.AddSeconds(3), true), (decision.At, decision.HoldNumber));
    }

    [Fact]
    public void AThrottleWithoutRetryAfterWaitsTheDefaultBackOff()
    {
        var decision = Assert.IsType<SendDecision.RetryRecipient>(PacingPolicy.Decide(Error("rate.limited.locally", true, status: 429), 1, Now, Options));

        Assert.Equal((Now + Options.ThrottleBackoff, true), (decision.At, decision.HoldNumber));
    }

    [Fact]
    public void ThePairRateLimitHoldsOnlyThatCustomer()
    {
        var decision = Assert.IsType<SendDecision.RetryRecipient>(PacingPolicy.Decide(Error("131056", true), 1, Now, Options));

        Assert.Equal((Now + Options.PairRateBackoff, false), (decision.At, decision.HoldNumber));
    }

    [Fact]
    public void ASpamRateLimitStrikeSilencesTheWholeCampaign()
    {
        var decision = Assert.IsType<SendDecision.WaitCampaign>(PacingPolicy.Decide(Error("131048", false), 1, Now, Options));

        Assert.Equal(Now + Options.SpamBackoff, decision.Until);
        Assert.StartsWith(CampaignReasons.SpamRateLimit, decision.Reason);
    }

    [Fact]
    public void APermanentErrorFailsTheRecipientWithMetasCodeAndReason()
    {
        var decision = Assert.IsType<SendDecision.FailRecipient>(PacingPolicy.Decide(Error("132001", false), 1, Now, Options));

        Assert.Equal(("132001", "Meta said 132001"), (decision.Code, decision.Reason));
    }

    [Fact]
    public void TransientErrorsRetryLaterEachTimeThenGiveUp()
    {
        var first = Assert.IsType<SendDecision.RetryRecipient>(PacingPolicy.Decide(Error("service.unreachable", true, status: 503), 1, Now, Options));
        var third = Assert.IsType<SendDecision.RetryRecipient>(PacingPolicy.Decide(Error("service.unreachable", true, status: 503), 3, Now, Options));

        Assert.True(third.At > first.At);
        Assert.False(first.HoldNumber);
        Assert.IsType<SendDecision.FailRecipient>(PacingPolicy.Decide(Error("service.unreachable", true, status: 503), Options.MaxAttempts, Now, Options));
    }

    [Theory]
    [InlineData(null, 80)]
    [InlineData(5.0, 5)]
    [InlineData(500.0, 80)]
    public void ACampaignNeverSendsFasterThanTheNumberAllows(double? campaignRate, double expected) =>
        Assert.Equal(expected, PacingPolicy.Rate(campaignRate, Options));

    [Fact]
    public void TheGateSpacesSendsEvenlyAndStaysShutWhileHeld()
    {
        var clock = new ManualClock(Now);
        var gate = new RateGate(4, clock);

        Assert.Equal(TimeSpan.Zero, gate.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(250), gate.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(500), gate.Reserve());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.Zero, gate.Reserve());
        gate.HoldUntil(clock.GetUtcNow().AddSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(3), gate.Reserve());
    }
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
