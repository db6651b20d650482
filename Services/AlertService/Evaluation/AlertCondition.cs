namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>A condition a rule sees right now. The same rule, tenant and subject on the next evaluation is the same alert.</summary>
public sealed record AlertCondition(string Rule, string TenantId, string Subject, string Severity, string Summary)
{
    public string Key => $"{Rule}|{TenantId}|{Subject}";
}

/// <summary>
/// What one look of a rule saw: every condition that holds now, and the subjects it could not look at this time, each
/// with why (one queue of ten held by another reader, say). Open alerts on an unread subject are left as they are,
/// since not knowing is not the same as all clear; every other open alert is judged on what was seen.
/// </summary>
public sealed record RuleObservation(IReadOnlyList<AlertCondition> Conditions, IReadOnlyDictionary<string, string> Unread)
{
    private static readonly IReadOnlyDictionary<string, string> NothingUnread = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A look that saw every subject of the rule.</summary>
    public static RuleObservation Complete(IReadOnlyList<AlertCondition> conditions) => new(conditions, NothingUnread);
}

/// <summary>
/// One alert rule. <see cref="EvaluateAsync"/> returns every condition that holds now, and names the subjects it could
/// not read. A rule that throws could not look at all (Redis or RabbitMQ unreachable), and all its open alerts are then
/// left as they are rather than resolved.
/// </summary>
public interface IAlertRule
{
    string Name { get; }

    Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
