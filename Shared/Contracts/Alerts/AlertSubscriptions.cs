namespace WhatsAppGenesys.Contracts.Alerts;

/// <summary>Where a subscription sends its notifications.</summary>
public static class AlertChannels
{
    /// <summary>An HTTPS (or, locally, HTTP) POST of <see cref="AlertNotification"/>, signed with the subscription's secret.</summary>
    public const string Webhook = "webhook";

    /// <summary>An e-mail over the platform's SMTP server.</summary>
    public const string Email = "email";

    public static bool IsKnown(string? channel) => channel is Webhook or Email;
}

/// <summary>
/// A new subscription: <c>POST /admin/alerts/subscriptions</c> (an operator's: every alert) or
/// <c>POST /api/v1/alerts/subscriptions</c> (a tenant's: its own alerts).
/// </summary>
/// <param name="Target">The webhook URL, or the e-mail address.</param>
/// <param name="Secret">The webhook's signing secret; one is generated when omitted. Returned once, never again.</param>
/// <param name="MinimumSeverity">The least urgent severity delivered (<c>warning</c>, the default, means all).</param>
public sealed record AlertSubscriptionRequest(string Channel, string Target, string? Secret = null, string? MinimumSeverity = null);

/// <summary>A subscription as listed: never its secret.</summary>
public sealed record AlertSubscriptionResponse(Guid Id, string TenantId, string Channel, string Target, string MinimumSeverity, DateTimeOffset CreatedAt);

/// <summary>The answer to creating a subscription: the webhook secret this once (null for e-mail).</summary>
public sealed record CreatedAlertSubscriptionResponse(AlertSubscriptionResponse Subscription, string? Secret);
