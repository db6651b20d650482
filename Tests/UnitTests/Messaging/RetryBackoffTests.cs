using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Consuming;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class RetryBackoffTests
{
    private static readonly PipelineOptions Defaults = new();

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(3, 4_000)]
    [InlineData(5, 16_000)]
    [InlineData(6, 30_000)]
    [InlineData(40, 30_000)]
    public void BackOffDoublesPerAttemptUpToTheMaximumWhenJitterIsCentred(int failedAttempts, double expectedMs)
    {
        // random 0.5 puts the jitter factor at exactly 1.
        var delay = RetryBackoff.Compute(failedAttempts, Defaults, retryAfter: null, random: 0.5);

        Assert.Equal(expectedMs, delay.TotalMilliseconds);
    }

    [Fact]
    public void JitterSpreadsTheDelayWithinTheConfiguredFractionAndNeverPastTheMaximum()
    {
        var low = RetryBackoff.Compute(3, Defaults, null, random: 0.0);
        var high = RetryBackoff.Compute(3, Defaults, null, random: 0.999999);
        var capped = RetryBackoff.Compute(10, Defaults, null, random: 0.999999);

        Assert.Equal(3_200, low.TotalMilliseconds);
        Assert.InRange(high.TotalMilliseconds, 4_799, 4_800);
        Assert.Equal(Defaults.RetryMaxDelay, capped);
    }

    [Fact]
    public void ALongerRetryAfterHintWinsAndIsCappedWhileAShorterOneIsIgnored()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), RetryBackoff.Compute(1, Defaults, TimeSpan.FromSeconds(20), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryBackoff.Compute(3, Defaults, TimeSpan.FromMilliseconds(100), 0.5));
        Assert.Equal(Defaults.MaxRetryAfter, RetryBackoff.Compute(1, Defaults, TimeSpan.FromHours(3), 0.5));
    }

    [Fact]
    public void DefaultAttemptsOutlastASixtySecondOutageEvenWithTheShortestJitter()
    {
        // Retries happen after failed attempts 1..MaxAttempts-1; the last failure dead-letters.
        var total = TimeSpan.Zero;
        for (var failed = 1; failed < Defaults.MaxAttempts; failed++)
        {
            total += RetryBackoff.Compute(failed, Defaults, null, random: 0.0);
        }

        Assert.True(total > TimeSpan.FromSeconds(60), $"all retries span only {total}");
    }
}
