namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>A condition a rule sees right now. The same rule, tenant and subject on the next evaluation is the same alert.</summary>
public sealed record AlertCondition(string Rule, string TenantId, string Subject, string Severity, string Summary)
{
    public string Key => $"{Rule}|{TenantId}|{Subject}";
}

/// <summary>
/// One alert rule. <see cref="EvaluateAsync"/> returns every condition that holds now; one that throws could not look
/// (Redis or RabbitMQ unreachable), and its open alerts are then left as they are rather than resolved: not knowing
/// is not the same as all clear.
/// </summary>
public interface IAlertRule
{
    string Name { get; }

    Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
