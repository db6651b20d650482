using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Messaging.Admin;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// A work queue (<c>{pipeline}.p{i}</c>) that has held ready messages for longer than <see cref="AlertingOptions.BacklogAge"/>.
/// AMQP tells a queue's depth, not the age of its oldest message, and taking the head to look at it would let the
/// next message of the same customer overtake it. But a consumer that keeps up leaves nothing ready (up to the
/// prefetch it holds every delivery itself), so a queue never once seen empty for that long is one whose consumers
/// are gone or stuck: its oldest message is at least that old. Delay queues hold messages on purpose and are not
/// watched; an evaluation that samples between two bursts can miss an empty moment, which only delays the alert.
/// </summary>
public sealed class QueueBacklogRule(PipelineAdmin admin, IOptions<AlertingOptions> options) : IAlertRule
{
    // Since when each queue has been seen holding ready messages, evaluation after evaluation.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonEmptySince = new(StringComparer.Ordinal);

    public string Name => AlertRules.QueueBacklog;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conditions = new List<AlertCondition>();
        foreach (var pipeline in options.Value.WatchedPipelines)
        {
            foreach (var depth in await admin.CountsAsync(pipeline, cancellationToken))
            {
                if (!IsWorkQueue(pipeline, depth.Queue))
                {
                    continue;
                }
                if (depth.Messages == 0)
                {
                    _nonEmptySince.TryRemove(depth.Queue, out _);
                    continue;
                }
                var since = _nonEmptySince.GetOrAdd(depth.Queue, now);
                if (now - since >= options.Value.BacklogAge)
                {
                    conditions.Add(new AlertCondition(Name, AlertTenants.Platform, depth.Queue, AlertSeverity.Warning,
                        $"{depth.Queue} has had messages waiting since {since:u} ({depth.Messages} now, {depth.Consumers} consumer(s))"));
                }
            }
        }
        return RuleObservation.Complete(conditions);
    }

    private static bool IsWorkQueue(string pipeline, string queue) =>
        queue.StartsWith($"{pipeline}.p", StringComparison.Ordinal) && !queue.EndsWith(".delay", StringComparison.Ordinal);
}
