using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>Configuration section <c>Alerting</c>: how often rules run, their thresholds, and the throttle.</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerting";

    /// <summary>How often every rule is evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most one notification per alert (rule, tenant, subject) and subscription in this time, so a flapping condition does not flood anyone.</summary>
    public TimeSpan NotificationInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many notifications per subscription in any hour; the rest are recorded as throttled.</summary>
    public int MaxNotificationsPerSubscriptionPerHour { get; set; } = 30;

    /// <summary>A notification that failed (the webhook answered 5xx, the SMTP server was down) is sent again after
    /// this, doubling with each failure up to an hour…</summary>
    public TimeSpan NotificationRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>…until it was sent or failed this many times; every attempt is a row in the alert's deliveries.</summary>
    public int NotificationMaxAttempts { get; set; } = 10;

    /// <summary>Pipelines whose parking and work queues are watched.</summary>
    public List<string> Pipelines { get; set; } = [];

    /// <summary>Parked messages read per queue and evaluation, to attribute them to tenants.</summary>
    public int ParkedPeekLimit { get; set; } = 1000;

    /// <summary>A work queue holding ready messages for this long without once being seen empty is a backlog.</summary>
    public TimeSpan BacklogAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A token error this recent means the tenant's token is failing.</summary>
    public TimeSpan TokenErrorWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>This many webhooks refused for their signature within <see cref="SignatureFailureWindow"/> is "in bulk".</summary>
    public int SignatureFailureThreshold { get; set; } = 5;

    public TimeSpan SignatureFailureWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The share of failed sends to a provider within <see cref="SendErrorWindow"/> that raises an alert…</summary>
    public double SendErrorRateThreshold { get; set; } = 0.2;

    /// <summary>…once at least this many sends were made, so two failures out of three do not page anyone.</summary>
    public int SendErrorMinimumSends { get; set; } = 10;

    public TimeSpan SendErrorWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A service must fail this many evaluations in a row (a restart or a slow start is not an alert).</summary>
    public int HealthFailuresBeforeAlert { get; set; } = 2;

    /// <summary>
    /// Lets tenants' webhooks reach loopback and private addresses. Off in production (a tenant must not make us
    /// call into our own network); tests turn it on to receive on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>The pipelines watched: <see cref="Pipelines"/> when configured, else every pipeline of the system.</summary>
    public IReadOnlyList<string> WatchedPipelines =>
        Pipelines.Count > 0 ? Pipelines : WhatsAppGenesys.Contracts.Events.Pipelines.All;
}
