using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Notifications;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>
/// One evaluation of one rule: open an alert for each new condition, keep the open ones whose condition persists
/// (one open alert per rule, tenant and subject, which a unique index also enforces), resolve the ones whose condition
/// is gone, and notify on opening and resolving. A rule that could not look keeps its alerts as they are, and one
/// that could not read some of its subjects keeps the alerts on those.
/// </summary>
public sealed class AlertEvaluator(
    AlertDbContext db,
    AlertNotifier notifier,
    TimeProvider clock,
    ILogger<AlertEvaluator> logger)
{
    public async Task EvaluateAsync(IAlertRule rule, CancellationToken cancellationToken)
    {
        RuleObservation observation;
        try
        {
            observation = await rule.EvaluateAsync(clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Alert rule {Rule} could not be evaluated; its open alerts stay as they are: {Error}", rule.Name, ex.Message);
            return;
        }
        foreach (var (subject, why) in observation.Unread)
        {
            logger.LogWarning("Alert rule {Rule} could not read {Subject}; its open alerts there stay as they are: {Error}", rule.Name, subject, why);
        }
        await ApplyAsync(rule.Name, observation, cancellationToken);
    }

    private async Task ApplyAsync(string rule, RuleObservation observation, CancellationToken cancellationToken)
    {
        var open = await db.Alerts.Where(a => a.Rule == rule && a.State == AlertStates.Open).ToListAsync(cancellationToken);
        var byKey = open.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var plan = AlertReconciliation.Plan(open.Select(a => (a.Key, a.Subject)), observation);
        var now = clock.GetUtcNow();

        foreach (var (key, condition) in plan.ToContinue)
        {
            var alert = byKey[key];
            alert.LastSeenAt = now;
            alert.Summary = Truncate(condition.Summary);
            alert.Severity = condition.Severity;
        }
        var resolved = plan.ToResolve.Select(key => byKey[key]).ToList();
        foreach (var alert in resolved)
        {
            alert.State = AlertStates.Resolved;
            alert.ResolvedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);

        var opened = new List<AlertRow>();
        foreach (var condition in plan.ToOpen)
        {
            var alert = new AlertRow
            {
                Id = Guid.CreateVersion7(), Rule = condition.Rule, TenantId = condition.TenantId, Subject = condition.Subject,
                Severity = condition.Severity, State = AlertStates.Open, Summary = Truncate(condition.Summary), OpenedAt = now, LastSeenAt = now,
            };
            db.Alerts.Add(alert);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                opened.Add(alert);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another replica opened it first: it is the one alert, and it notifies.
                db.Entry(alert).State = EntityState.Detached;
            }
        }

        foreach (var alert in opened)
        {
            logger.LogWarning("Alert opened: {Rule} for {TenantId} on {Subject} ({Severity}): {Summary}",
                alert.Rule, alert.TenantId, alert.Subject, alert.Severity, alert.Summary);
            await notifier.NotifyAsync(alert, AlertEvents.Opened, cancellationToken);
        }
        foreach (var alert in resolved)
        {
            logger.LogInformation("Alert resolved: {Rule} for {TenantId} on {Subject}", alert.Rule, alert.TenantId, alert.Subject);
            await notifier.NotifyAsync(alert, AlertEvents.Resolved, cancellationToken);
        }
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;
}
