using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// A tenant's webhooks refused for their signature in bulk — usually a secret rotated at Meta, Genesys or the RCS provider and not
/// here, which means every message of the tenant is being turned away. The webhook services count each 401 per
/// tenant in ten-second buckets (<see cref="OperationalSignals.SignatureFailures"/>); at least
/// <see cref="AlertingOptions.SignatureFailureThreshold"/> within <see cref="AlertingOptions.SignatureFailureWindow"/>
/// holds the alert open.
/// </summary>
public sealed class WebhookSignatureFailuresRule(IConnectionMultiplexer redis, IOptions<AlertingOptions> options) : IAlertRule
{
    public string Name => AlertRules.WebhookSignatureFailures;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var conditions = new List<AlertCondition>();
        foreach (var source in ProviderKeys.All)
        {
            var keys = OperationalSignals.Buckets(now, settings.SignatureFailureWindow).Select(at => OperationalSignals.SignatureFailures(source, at));
            foreach (var (tenantId, failures) in await RedisScan.SumHashesAsync(redis.GetDatabase(), keys))
            {
                if (failures >= settings.SignatureFailureThreshold)
                {
                    conditions.Add(new AlertCondition(Name, tenantId, source, AlertSeverity.Critical,
                        $"{failures} {ProviderKeys.DisplayName(source)} webhooks refused for a wrong signature in the last " +
                        $"{settings.SignatureFailureWindow}: was the secret changed at the provider and not here?"));
                }
            }
        }
        return RuleObservation.Complete(conditions);
    }
}
