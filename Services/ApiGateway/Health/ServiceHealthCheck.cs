using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;
using WhatsAppGenesys.ApiGateway.Routing;

namespace WhatsAppGenesys.ApiGateway.Health;

/// <summary>
/// One service in the gateway's aggregated <c>/health</c>: every replica's own <c>/health</c>, found through service
/// discovery. Healthy when all replicas are, Degraded when some are, Unhealthy when none is. The description names
/// replicas by index and failing checks by name, never addresses or exception text: /health is public.
/// </summary>
public sealed class ServiceHealthCheck(string service, ServiceEndpointResolver resolver, IHttpClientFactory httpClientFactory) : IHealthCheck
{
    public const string HttpClientName = "health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (replicas, _) = await ServiceDiscoveryDestinationResolver.ResolveAsync(resolver, new Uri($"http://{service}/health"), cancellationToken);
        if (replicas.Count == 0)
        {
            return HealthCheckResult.Unhealthy("No replica is registered in service discovery.");
        }

        var probes = await Task.WhenAll(replicas.Select(uri => ProbeAsync(uri, cancellationToken)));
        var healthy = probes.Count(p => p is null);
        var problems = probes.Select((problem, replica) => problem is null ? null : $"replica {replica}: {problem}").OfType<string>();
        var description = string.Join("; ", [$"{healthy}/{replicas.Count} replicas healthy", .. problems]);
        return healthy == replicas.Count ? HealthCheckResult.Healthy(description)
            : healthy > 0 ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Unhealthy(description);
    }

    // Null when healthy, else a short reason.
    private async Task<string?> ProbeAsync(Uri health, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync(health, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            return $"{(int)response.StatusCode}{await FailingChecksAsync(response, cancellationToken)}";
        }
        catch (HttpRequestException)
        {
            return "unreachable";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    // ServiceDefaults' report: {"status": "...", "checks": {"name": {"status": "..."}}}.
    private static async Task<string> FailingChecksAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var failing = report.RootElement.GetProperty("checks").EnumerateObject()
                .Where(c => c.Value.GetProperty("status").GetString() != nameof(HealthStatus.Healthy))
                .Select(c => $"{c.Name} {c.Value.GetProperty("status").GetString()}")
                .ToList();
            return failing.Count == 0 ? "" : $" ({string.Join(", ", failing)})";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "";
        }
    }
}
