namespace WhatsAppGenesys.WhatsAppApi.Graph;

/// <summary>How this service sends (section <c>WhatsAppApi</c>).</summary>
public sealed class WhatsAppApiOptions
{
    public const string SectionName = "WhatsAppApi";

    /// <summary>
    /// Messages per second we allow ourselves per tenant and phone number: Meta's default throughput is 80 (up to
    /// 1,000 after an upgrade), and staying under it means we wait a few milliseconds instead of getting 130429.
    /// </summary>
    public int MessagesPerSecondPerPhoneNumber { get; set; } = 80;

    /// <summary>
    /// How long a send may wait here for a free slot in the next one-second window before we answer "retry later":
    /// short, so a burst queues briefly in process but a sustained overload goes back to the caller's delay queue.
    /// </summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of one Graph call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an idempotency key's wamid is remembered in Redis, so a transformer that crashed after Meta accepted
    /// gets the same wamid back on redelivery instead of sending again. Meta itself retries webhooks for 7 days.
    /// </summary>
    public TimeSpan IdempotencyLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the direct send API keeps each request body in Redis (<c>message:{wamid}:request</c>).</summary>
    public TimeSpan RequestRecordLifetime { get; set; } = TimeSpan.FromDays(7);
}
