namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>
/// What one evaluation of a rule changes: conditions without an open alert open one, open alerts whose condition is
/// still there carry on (deduplicated: no new alert, no new notification), open alerts whose condition is gone resolve.
/// An open alert on a subject the rule could not read this time is in none of the three: it stays as it is.
/// </summary>
public sealed record AlertReconciliation(
    IReadOnlyList<AlertCondition> ToOpen,
    IReadOnlyList<(string Key, AlertCondition Condition)> ToContinue,
    IReadOnlyList<string> ToResolve)
{
    /// <param name="openAlerts">The rule's open alerts, by key and subject.</param>
    /// <param name="observation">What the rule saw now.</param>
    public static AlertReconciliation Plan(IEnumerable<(string Key, string Subject)> openAlerts, RuleObservation observation)
    {
        var open = openAlerts.Where(a => !observation.Unread.ContainsKey(a.Subject)).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        // A rule naming one subject twice is one condition (the last words win).
        var current = new Dictionary<string, AlertCondition>(StringComparer.Ordinal);
        foreach (var condition in observation.Conditions)
        {
            current[condition.Key] = condition;
        }
        return new AlertReconciliation(
            [.. current.Values.Where(c => !open.Contains(c.Key))],
            [.. current.Values.Where(c => open.Contains(c.Key)).Select(c => (c.Key, c))],
            [.. open.Where(k => !current.ContainsKey(k)).Order(StringComparer.Ordinal)]);
    }
}
