using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Messaging.Admin;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// Messages parked in a pipeline's dead-letter queue (attempts exhausted: warning) or error queue (poison: critical).
/// The queues are peeked without taking anything (<see cref="PipelineAdmin.PeekAsync"/>) and each message is
/// attributed to its tenant by its ordering key (<c>{tenantId}:…</c>), so a tenant sees its own parked messages and
/// the alert resolves once they are replayed or removed. A queue another reader holds for longer than the lock's
/// patience (an operator's page listing it, say) is reported unread: its alerts stay as they are, and the alerts of
/// the queues that were read are still opened and resolved.
/// </summary>
public sealed class ParkedMessagesRule(PipelineAdmin admin, IOptions<AlertingOptions> options) : IAlertRule
{
    public string Name => AlertRules.ParkedMessages;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conditions = new List<AlertCondition>();
        var unread = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pipeline in options.Value.WatchedPipelines)
        {
            foreach (var lot in new[] { ParkingLot.DeadLetter, ParkingLot.Error })
            {
                var queue = PipelineAdmin.QueueName(pipeline, lot);
                IReadOnlyList<ParkedMessage> parked;
                try
                {
                    parked = await admin.PeekAsync(pipeline, lot, options.Value.ParkedPeekLimit, cancellationToken);
                }
                catch (ParkingQueueBusyException ex)
                {
                    unread[queue] = ex.Message;
                    continue;
                }
                foreach (var tenant in parked.GroupBy(p => TenantOf(p.OrderingKey), StringComparer.Ordinal))
                {
                    var oldest = tenant.First();
                    var what = lot == ParkingLot.DeadLetter ? "gave up after every retry" : "could not be processed";
                    var count = tenant.Count();
                    conditions.Add(new AlertCondition(Name, tenant.Key, queue,
                        lot == ParkingLot.Error ? AlertSeverity.Critical : AlertSeverity.Warning,
                        count == 1
                            ? $"1 message {what} and is parked in {queue}: {oldest.Reason}"
                            : $"{count} messages {what} and are parked in {queue}; the oldest: {oldest.Reason}"));
                }
            }
        }
        return new RuleObservation(conditions, unread);
    }

    internal static string TenantOf(string orderingKey)
    {
        var colon = orderingKey.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? orderingKey[..colon] : AlertTenants.Platform;
    }
}
