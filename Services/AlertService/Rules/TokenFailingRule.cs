using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts.Alerts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// A tenant's Genesys or Meta token failing: auth-service records each token error in Redis
/// (<c>token:errors:last:{provider}:{tenantId}</c>, its time and reason); one within
/// <see cref="AlertingOptions.TokenErrorWindow"/> holds the alert open, and it resolves once the window passes
/// without another (tokens are asked for on every send, so a fixed credential stops the errors at once).
/// </summary>
public sealed class TokenFailingRule(IConnectionMultiplexer redis, IOptions<AlertingOptions> options) : IAlertRule
{
    private const string Prefix = "token:errors:last:";

    public string Name => AlertRules.TokenFailing;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var conditions = new List<AlertCondition>();
        foreach (var key in await RedisScan.KeysAsync(redis, Prefix + "*"))
        {
            // token:errors:last:{provider}:{tenantId}
            var rest = key.ToString()[Prefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !ProviderKeys.IsTokenProvider(rest[..colon]))
            {
                continue;
            }
            var (provider, tenantId) = (rest[..colon], rest[(colon + 1)..]);
            var last = await db.HashGetAsync(key, ["at", "reason"]);
            if (last[0].IsNull || !last[0].TryParse(out long ms) || DateTimeOffset.FromUnixTimeMilliseconds(ms) is var at && now - at > options.Value.TokenErrorWindow)
            {
                continue;
            }
            conditions.Add(new AlertCondition(Name, tenantId, provider, AlertSeverity.Critical,
                $"{ProviderKeys.DisplayName(provider)} token failing since at least {at:u}: {last[1]}"));
        }
        return RuleObservation.Complete(conditions);
    }
}
