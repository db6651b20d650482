using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsAppGenesys.ApiGateway.Health;

/// <summary>
/// One service in the gateway's aggregated <c>/health</c>: the service's own <c>/health</c>, asked at its name
/// (<c>http://{service}</c>, resolved by service discovery), the one address the service has however many replicas
/// run behind it. The description names failing checks, never addresses or exception text: /health is public.
/// </summary>
public sealed class ServiceHealthCheck(string service, IHttpClientFactory httpClientFactory) : IHealthCheck
{
    public const string HttpClientName = "health-probe";

    private readonly Uri _health = new($"http://{service}/health");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).GetAsync(_health, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{(int)response.StatusCode}{await FailingChecksAsync(response, cancellationToken)}");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("unreachable");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("timed out");
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
