using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// A tenant's sends to Meta, Genesys or the RCS provider failing more often than <see cref="AlertingOptions.SendErrorRateThreshold"/>
/// within <see cref="AlertingOptions.SendErrorWindow"/>, once at least <see cref="AlertingOptions.SendErrorMinimumSends"/>
/// were made. whatsapp-api and genesys-api count every send that went to the provider, and what it answered, per
/// tenant in ten-second buckets (<see cref="OperationalSignals.Sends"/>).
/// </summary>
public sealed class SendErrorRateRule(IConnectionMultiplexer redis, IOptions<AlertingOptions> options) : IAlertRule
{
    public string Name => AlertRules.SendErrorRate;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var conditions = new List<AlertCondition>();
        foreach (var provider in ProviderKeys.All)
        {
            var keys = OperationalSignals.Buckets(now, settings.SendErrorWindow).Select(at => OperationalSignals.Sends(provider, at));
            var counts = await RedisScan.SumHashesAsync(redis.GetDatabase(), keys);
            foreach (var rate in Rates(counts))
            {
                if (rate.Total >= settings.SendErrorMinimumSends && rate.Failed >= settings.SendErrorRateThreshold * rate.Total)
                {
                    conditions.Add(new AlertCondition(Name, rate.TenantId, provider, AlertSeverity.Critical,
                        $"{rate.Failed} of {rate.Total} sends to {ProviderKeys.DisplayName(provider)} failed in the last {settings.SendErrorWindow}"));
                }
            }
        }
        return RuleObservation.Complete(conditions);
    }

    /// <summary>Fields <c>{tenantId}:ok</c> and <c>{tenantId}:failed</c> gathered per tenant.</summary>
    internal static IEnumerable<(string TenantId, long Failed, long Total)> Rates(IReadOnlyDictionary<string, long> counts) =>
        counts
            .Select(c => (Field: c.Key, Count: c.Value, Colon: c.Key.LastIndexOf(':')))
            .Where(c => c.Colon > 0)
            .GroupBy(c => c.Field[..c.Colon], StringComparer.Ordinal)
            .Select(g => (g.Key,
                g.Where(c => c.Field[(c.Colon + 1)..] == OperationalSignals.SendFailed).Sum(c => c.Count),
                g.Sum(c => c.Count)));
}
