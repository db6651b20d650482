namespace WhatsAppGenesys.Contracts.Alerts;

/// <summary>How urgent an alert is, most urgent first. Subscriptions name the least urgent they want.</summary>
public static class AlertSeverity
{
    public const string Critical = "critical";
    public const string Warning = "warning";

    public static IReadOnlyList<string> All { get; } = [Critical, Warning];

    public static bool IsKnown(string? severity) => severity is Critical or Warning;

    /// <summary>Whether an alert of <paramref name="severity"/> reaches a subscription that asked for <paramref name="minimum"/> and above.</summary>
    public static bool Reaches(string severity, string minimum) => minimum == Warning || severity == Critical;
}

/// <summary>An alert is open while its condition holds and resolved once it no longer does.</summary>
public static class AlertStates
{
    public const string Open = "open";
    public const string Resolved = "resolved";
}

/// <summary>The rules the alert service evaluates (docs/alerting.md).</summary>
public static class AlertRules
{
    public const string ParkedMessages = "parked-messages";
    public const string QueueBacklog = "queue-backlog";
    public const string TokenFailing = "token-failing";
    public const string WebhookSignatureFailures = "webhook-signature-failures";
    public const string SendErrorRate = "send-error-rate";
    public const string ServiceUnhealthy = "service-unhealthy";
}

/// <summary>The tenant of alerts about the platform itself (a service, a queue), which only operators see.</summary>
public static class AlertTenants
{
    public const string Platform = "platform";
}

/// <summary>
/// One alert: <c>GET /admin/alerts</c> (operator, every tenant and the platform), <c>GET /api/v1/alerts</c> (a tenant's
/// own). There is at most one open alert per rule, tenant and subject; it stays the same alert while the condition
/// persists (<paramref name="LastSeenAt"/> moves on) and is resolved when it clears.
/// </summary>
/// <param name="Subject">What within the tenant the alert is about: a provider, a queue, a service.</param>
/// <param name="Summary">The condition in words, as last seen (never a secret).</param>
public sealed record AlertResponse(
    Guid Id,
    string Rule,
    string TenantId,
    string Subject,
    string Severity,
    string State,
    string Summary,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt);
