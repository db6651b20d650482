using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsAppGenesys.ApiGateway.Health;

public static class HealthExtensions
{
    /// <summary>
    /// Adds one check per service the gateway knows through service discovery (<c>services:&lt;name&gt;</c>, as the
    /// AppHost references them), so ServiceDefaults' <c>/health</c> becomes the whole system's report and answers 503
    /// when any service is down. <c>/alive</c> stays the gateway's own liveness.
    /// </summary>
    public static IHostApplicationBuilder AddServiceHealthAggregation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(ServiceHealthCheck.HttpClientName).WithoutHttpRetries(TimeSpan.FromSeconds(3));

        var checks = builder.Services.AddHealthChecks();
        foreach (var service in builder.Configuration.GetSection("services").GetChildren().Select(s => s.Key).Order(StringComparer.Ordinal))
        {
            checks.Add(new HealthCheckRegistration(
                service,
                sp => new ServiceHealthCheck(service, sp.GetRequiredService<IHttpClientFactory>()),
                failureStatus: HealthStatus.Unhealthy,
                tags: ["services"],
                timeout: TimeSpan.FromSeconds(5)));
        }
        return builder;
    }
}
