namespace WhatsAppGenesys.SandboxKit.Webhooks;

/// <summary>How a simulator delivers webhooks: retries of the ones its receiver did not acknowledge, and how many at once.</summary>
public sealed class WebhookDeliveryOptions
{
    public int InitialRetryDelayMs { get; set; } = 250;
    public int MaxRetryDelayMs { get; set; } = 5_000;

    /// <summary>Give up once the next attempt would start this long after the first.</summary>
    public int MaxRetryDurationSeconds { get; set; } = 600;

    /// <summary>Give up after this many attempts; 0 for no limit but the duration.</summary>
    public int MaxAttempts { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Posts in flight across all lanes.</summary>
    public int MaxConcurrency { get; set; } = 48;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds));

    /// <summary>Exponential: initial, 2×, 4×, … capped at <see cref="MaxRetryDelayMs"/>.</summary>
    public TimeSpan BackoffDelay(int attempt)
    {
        var initial = Math.Max(1, InitialRetryDelayMs);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(initial * factor, Math.Max(initial, MaxRetryDelayMs)));
    }
}
