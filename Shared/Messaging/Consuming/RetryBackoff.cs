namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>Exponential back-off with relative jitter, honouring a longer Retry-After hint.</summary>
internal static class RetryBackoff
{
    /// <param name="failedAttempts">Failed attempts so far, counting the one just failed (≥ 1).</param>
    /// <param name="random">A uniform sample in [0, 1).</param>
    public static TimeSpan Compute(int failedAttempts, PipelineOptions options, TimeSpan? retryAfter, double random)
    {
        // 2^(n-1) overflows nothing: the exponent is capped long before the multiplier leaves double's exact range.
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var max = options.RetryMaxDelay.TotalMilliseconds;
        var exponential = Math.Min(max, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = Math.Min(max, exponential * (1 - options.RetryJitter + (2 * options.RetryJitter * random)));
        var delay = TimeSpan.FromMilliseconds(Math.Round(jittered));
        if (retryAfter is { } hint && hint > delay)
        {
            delay = hint < options.MaxRetryAfter ? hint : options.MaxRetryAfter;
        }
        return delay;
    }
}
