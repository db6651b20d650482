namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// How the campaign scheduler paces itself (<c>Campaigns</c> section). The defaults follow Meta's limits: 80 messages
/// a second per number, 250 unique customers a moving 24 hours for a new business (a tenant may set its own tier in
/// its portal settings), minutes of silence after a spam-rate-limit strike.
/// </summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Campaigns";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the scheduler looks for campaigns that are due: scheduled for a time, whose wait or lease ran out, or
    /// created at another replica. One created or resumed through this process's API starts at once. Each look is a
    /// query, so a shorter interval is paid for even while no campaign exists.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed campaign stays with this process without a renewal; a killed process's campaigns are taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Campaigns one process runs at the same time.</summary>
    public int MaxConcurrentCampaigns { get; set; } = 4;

    /// <summary>Meta's throughput per phone number; a campaign never sends faster (its own rate may be lower).</summary>
    public double MessagesPerSecondPerNumber { get; set; } = 80;

    /// <summary>
    /// Sends one campaign keeps in flight at once: enough that the round trips of one send (about a dozen
    /// milliseconds each, several of them) do not hold the campaign under its rate, few enough to spare the services.
    /// </summary>
    public int MaxSendsInFlight { get; set; } = 16;

    /// <summary>Unique customers per moving 24 hours when the tenant's settings name no tier (Meta's first tier).</summary>
    public int DefaultMessagingLimit { get; set; } = 250;

    /// <summary>How long the whole campaign stays silent after Meta's 131048 (spam rate limit).</summary>
    public TimeSpan SpamBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one recipient waits after Meta's 131056 (too many messages to this customer).</summary>
    public TimeSpan PairRateBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait after a throttle that named no Retry-After.</summary>
    public TimeSpan ThrottleBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a campaign stopped at the messaging limit looks again (the window moves, the tier may be raised).</summary>
    public TimeSpan MessagingLimitRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts for a recipient whose sends failed with a transient error before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a recipient who was sent a campaign message is tagged with it, for their replies (docs/portal.md).</summary>
    public TimeSpan ReplyTagLifetime { get; set; } = TimeSpan.FromHours(24);
}
