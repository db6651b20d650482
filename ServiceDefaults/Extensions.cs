using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WhatsAppGenesys.ServiceDefaults;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

// Adds the common Aspire services: service discovery, resilience, health checks and OpenTelemetry.
// Every service project references this library and calls AddServiceDefaults() / MapDefaultEndpoints().
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Meter every service records its own business metrics on (tagged per tenant via TenantTelemetry).</summary>
    public const string MeterName = "WhatsAppGenesys";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        StartupFailureHandler.Install();
        builder.AddQuietLoggingDefaults();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // A burst (a transformer starting on a backlog runs hundreds of handlers) would otherwise open a connection
            // per request in flight, and the service on the other end holds buffers and threads for each; a bounded
            // pool per destination queues the burst in the caller instead.
            http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 32 });
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Framework chatter (every request, SQL command, HTTP client step, Redis reconnect, proxy health probe) at Warning by default: per
    /// message it would cost more than the message itself. Added as the lowest-priority configuration source, so
    /// appsettings.json or <c>Logging__LogLevel__…</c> variables still override it.
    /// </summary>
    public static TBuilder AddQuietLoggingDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
                ["Logging:LogLevel:StackExchange.Redis"] = "Warning",
                // The gateway probes every destination every few seconds; a line per probe buries everything else.
                ["Logging:LogLevel:Yarp.ReverseProxy.Health"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            },
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (builder.Configuration["Telemetry:LogDirectory"] is { Length: > 0 } logDirectory)
            {
                logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogFileExporter(logDirectory, serviceName)));
            }
        });
        if (builder.Configuration["Telemetry:MeasurementDirectory"] is { Length: > 0 } measurementDirectory)
        {
            builder.Services.AddHostedService(_ => new MeasurementFileRecorder(measurementDirectory, serviceName, MeterName));
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(t => t.Filter = ctx =>
                        !ctx.Request.Path.StartsWithSegments(HealthEndpointPath) &&
                        !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                    // Probes of other services' /health and /alive (the gateway's report, its load balancer) are
                    // not traced either: an idle system would otherwise export a steady stream of them.
                    .AddHttpClientInstrumentation(t => t.FilterHttpRequestMessage = request =>
                        request.RequestUri?.AbsolutePath is not (HealthEndpointPath or AlivenessEndpointPath));

                if (builder.Configuration["Telemetry:SpanDirectory"] is { Length: > 0 } spanDirectory)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanFileExporter(spanDirectory, serviceName)));
                }
            });

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // "self" is the only liveness check: /alive says the process runs; /health adds every dependency.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every registered check, 503 when any fails) and <c>/alive</c> (liveness).
    /// Mapped in every environment: orchestrators and the gateway's aggregated report need them in production too.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteHealthReportAsync });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains("live"),
            ResponseWriter = WriteHealthReportAsync,
        });
        return app;
    }

    // A small JSON report (status per check, never exception details) that the gateway aggregates.
    private static Task WriteHealthReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
