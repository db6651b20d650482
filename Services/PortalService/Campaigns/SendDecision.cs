using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>What the campaign does after Meta (or the WhatsApp API service) refused one send.</summary>
public abstract record SendDecision
{
    /// <summary>The recipient is sent again (same key) at <paramref name="At"/>; with <paramref name="HoldNumber"/> nobody is sent before then (throughput).</summary>
    public sealed record RetryRecipient(DateTimeOffset At, bool HoldNumber) : SendDecision;

    /// <summary>The whole campaign waits (the recipient stays queued).</summary>
    public sealed record WaitCampaign(DateTimeOffset Until, string Reason) : SendDecision;

    /// <summary>Final: the recipient failed with Meta's code and reason.</summary>
    public sealed record FailRecipient(string Code, string Reason) : SendDecision;
}

/// <summary>
/// Meta's limits as the campaign obeys them: a throughput throttle (130429, or the WhatsApp API service's own limiter)
/// holds the number for Retry-After; the pair rate limit (131056) holds only that customer; a spam-rate-limit strike
/// (131048, which is also the code of the messaging-limit tier) silences the whole campaign for minutes; other
/// transient failures retry with a growing delay, a limited number of times; anything else fails the recipient.
/// </summary>
public static class PacingPolicy
{
    public const string Throughput = "130429";
    public const string PairRate = "131056";
    public const string SpamRate = "131048";
    public const string LocalThrottle = "rate.limited.locally";

    public static SendDecision Decide(ProviderError error, int attempts, DateTimeOffset now, CampaignOptions options)
    {
        var retryAfter = error.RetryAfterSeconds is double seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : options.ThrottleBackoff;
        switch (error.Code)
        {
            case Throughput or LocalThrottle:
                return new SendDecision.RetryRecipient(now + retryAfter, HoldNumber: true);
            case PairRate:
                return new SendDecision.RetryRecipient(now + options.PairRateBackoff, HoldNumber: false);
            case SpamRate:
                return new SendDecision.WaitCampaign(now + options.SpamBackoff, $"{CampaignReasons.SpamRateLimit}: {error.Message}");
        }
        if (!error.Retryable)
        {
            return new SendDecision.FailRecipient(error.Code, error.Message);
        }
        if (attempts >= options.MaxAttempts)
        {
            return new SendDecision.FailRecipient(error.Code, $"Gave up after {attempts} attempts: {error.Message}");
        }
        var backoff = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Max(0, attempts - 1))));
        return new SendDecision.RetryRecipient(now + (retryAfter > backoff ? retryAfter : backoff), HoldNumber: error.HttpStatus == 429);
    }

    /// <summary>The messages a second a campaign sends at: its own cap, never more than the number's throughput.</summary>
    public static double Rate(double? campaignRate, CampaignOptions options) =>
        Math.Min(campaignRate ?? options.MessagesPerSecondPerNumber, options.MessagesPerSecondPerNumber);
}

/// <summary>
/// Spaces sends evenly at a rate (one every 1/rate seconds, no bursts) and can be held shut until an instant (a
/// throttle's Retry-After). One per running campaign, in process: the WhatsApp API service's Redis limiter is the
/// shared cap across replicas and services.
/// </summary>
public sealed class RateGate(double perSecond, TimeProvider clock)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    // Reserved by the campaign's loop, held by its sends in flight: both may touch it at once.
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>How long to wait before the next send; the slot is taken.</summary>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_next < now)
            {
                _next = now;
            }
            var wait = _next - now;
            _next += _interval;
            return wait;
        }
    }

    /// <summary>Nothing is sent before <paramref name="until"/>.</summary>
    public void HoldUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _next)
            {
                _next = until;
            }
        }
    }
}
