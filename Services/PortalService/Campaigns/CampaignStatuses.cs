namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>Where a campaign is in its life.</summary>
public static class CampaignStatuses
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    /// <summary>Statuses the scheduler picks up once due.</summary>
    public static readonly string[] Runnable = [Scheduled, Running];
}

/// <summary>
/// What happened to one recipient. <see cref="Sending"/> is written before the call to Meta, so a restart knows whom
/// to send again under the same idempotency key; delivered, read and failed come from Meta's status webhooks.
/// </summary>
public static class RecipientStates
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static readonly string[] All = [Queued, Sending, Sent, Delivered, Read, Failed, Skipped];

    /// <summary>Still to be sent (or sent again with the same key).</summary>
    public static readonly string[] Pending = [Queued, Sending];
}

/// <summary>Why a recipient was skipped, or why a campaign waits.</summary>
public static class CampaignReasons
{
    public const string OptedOut = "opted_out";
    public const string MissingAttribute = "missing_attribute";
    public const string NoAddress = "no_address";
    public const string Cancelled = "cancelled";
    public const string Erased = "erased";

    public const string MessagingLimit = "messaging_limit";
    public const string SpamRateLimit = "spam_rate_limit";
    public const string Retrying = "retrying";
    public const string TemplateNotSendable = "template_not_sendable";
}
