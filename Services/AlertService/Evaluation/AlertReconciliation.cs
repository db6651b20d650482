namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>
/// What one evaluation of a rule changes: conditions without an open alert open one, open alerts whose condition is
/// still there carry on (deduplicated: no new alert, no new notification), open alerts whose condition is gone resolve.
/// </summary>
public sealed record AlertReconciliation(
    IReadOnlyList<AlertCondition> ToOpen,
    IReadOnlyList<(string Key, AlertCondition Condition)> ToContinue,
    IReadOnlyList<string> ToResolve)
{
    public static AlertReconciliation Plan(IEnumerable<string> openKeys, IEnumerable<AlertCondition> conditions)
    {
        var open = openKeys.ToHashSet(StringComparer.Ordinal);
        // A rule naming one subject twice is one condition (the last words win).
        var current = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            current[condition.Key] = condition;
        }
        return new AlertReconciliation(
            [.. current.Values.Where(c => !open.Contains(c.Key))],
            [.. current.Values.Where(c => open.Contains(c.Key)).Select(c => (c.Key, c))],
            [.. open.Where(k => !current.ContainsKey(k)).Order(StringComparer.Ordinal)]);
    }
}
