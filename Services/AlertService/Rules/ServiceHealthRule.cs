using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Alerts;

namespace WhatsAppGenesys.AlertService.Rules;

/// <summary>
/// A service unhealthy: the api-gateway's <c>/health</c> already asks every service's own <c>/health</c> and
/// reports one entry per service (docs/gateway.md), so one request covers the system. An entry that is not Healthy
/// for <see cref="AlertingOptions.HealthFailuresBeforeAlert"/> evaluations in a row (a restart or a replica starting
/// is not an alert) opens a platform alert for that service; the gateway itself not answering is one for the gateway.
/// </summary>
public sealed class ServiceHealthRule(IHttpClientFactory httpClients, IOptions<AlertingOptions> options) : IAlertRule
{
    public const string HttpClientName = "health-probe";

    private readonly ConcurrentDictionary<string, int> _failuresInARow = new(StringComparer.Ordinal);

    public string Name => AlertRules.ServiceUnhealthy;

    public async Task<RuleObservation> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failing = await ReadFailingAsync(cancellationToken);
        foreach (var service in _failuresInARow.Keys.Except(failing.Keys))
        {
            _failuresInARow.TryRemove(service, out _);
        }
        var conditions = new List<AlertCondition>();
        foreach (var (service, description) in failing)
        {
            if (_failuresInARow.AddOrUpdate(service, 1, (_, n) => n + 1) >= options.Value.HealthFailuresBeforeAlert)
            {
                conditions.Add(new AlertCondition(Name, AlertTenants.Platform, service, AlertSeverity.Critical, $"{service} is unhealthy: {description}"));
            }
        }
        return RuleObservation.Complete(conditions);
    }

    private async Task<Dictionary<string, string>> ReadFailingAsync(CancellationToken cancellationToken)
    {
        var failing = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // 503 when anything is down, with the same report: read the body whatever the status.
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync($"http://{ServiceNames.ApiGateway}/health", cancellationToken);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var check in report.RootElement.GetProperty("checks").EnumerateObject())
            {
                var status = check.Value.GetProperty("status").GetString();
                if (status != "Healthy")
                {
                    var description = check.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    failing[check.Name] = string.IsNullOrEmpty(description) ? status ?? "unknown" : $"{status} ({description})";
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            failing[ServiceNames.ApiGateway] = "its /health did not answer";
        }
        return failing;
    }
}
