using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WhatsAppGenesys.ServiceDefaults.Configuration;
using WhatsAppGenesys.ServiceDefaults.Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Aspire.Npgsql.EntityFrameworkCore.PostgreSQL integration, plus migrations applied on start.</summary>
public static class NpgsqlDbContextExtensions
{
    private const string Format = "Host=…;Port=…;Username=…;Password=…;Database=…";

    /// <summary>
    /// Registers a pooled <typeparamref name="TContext"/> over <c>ConnectionStrings:{connectionName}</c> with retry on
    /// transient failures, Npgsql tracing and metrics, a health check, and applies its EF Core migrations at start-up
    /// (waiting for the database if it is not reachable yet). Migrations only: never drop or recreate.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format);
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }
        // A handful of statements run for every message: prepared on each connection after their second use, PostgreSQL
        // parses and plans them once instead of every time. A connection string that sets its own value keeps it.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
        }
        connectionString = settings.ConnectionString;

        builder.Services.AddDbContextPool<TContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
                npgsql.CommandTimeout(30);
            });
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new DbContextHealthCheck<TContext>(sp),
            HealthStatus.Unhealthy,
            ["ready", "postgres"],
            TimeSpan.FromSeconds(3)));
        builder.Services.AddHostedService<MigrateOnStartup<TContext>>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddNpgsql())
            .WithMetrics(metrics => metrics.AddMeter("Npgsql"));
        return builder;
    }

    private sealed class DbContextHealthCheck<TContext>(IServiceProvider services) : IHealthCheck where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("PostgreSQL refuses connections");
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL unreachable", ex);
            }
        }
    }
}
