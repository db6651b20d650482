using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A service's own PostgreSQL database: Aspire's EF Core integration (a pooled <see cref="DbContext"/> with retries
/// on transient failures, a health check named after the context, Npgsql tracing and metrics), plus what it leaves to
/// us: the connection string checked at start-up, statement auto-preparation (and <see cref="AutoPrepareGuard"/>, which
/// keeps it sound after a failure), and the schema migrated on start.
/// </summary>
public static class NpgsqlDatabaseExtensions
{
    /// <summary>Connections per service instance, unless the connection string says otherwise.</summary>
    public const int MaxPoolSize = 20;

    private const string Format = "Host=…;Port=…;Username=…;Password=…;Database=…";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> over <c>ConnectionStrings:{connectionName}</c> and applies its EF Core
    /// migrations before the service takes requests (waiting for the database if it is not up yet). Migrations only:
    /// nothing is ever dropped or recreated.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDatabase<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        // Aspire's integration checks the string only when the first context is created: check it now, so that a
        // mistake stops start-up with one line naming the resource.
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format);
        var tuned = WithServiceDefaults(connectionName, connectionString);

        builder.AddNpgsqlDbContext<TContext>(connectionName, settings => settings.ConnectionString = tuned, options =>
        {
            options.AddInterceptors(AutoPrepareGuard.Instance);
            configure?.Invoke(options);
        });
        builder.Services.AddHostedService<MigrateOnStartup<TContext>>();
        return builder;
    }

    // What a connection string leaves unset gets the values that suit a service; one that sets its own keeps it.
    private static string WithServiceDefaults(string connectionName, string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }
        // A handful of statements run for every message: prepared on each connection after their second use,
        // PostgreSQL parses and plans them once instead of every time.
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
        }
        // Each connection is a PostgreSQL process. Npgsql's default pool of 100 lets a burst open a hundred per
        // service instance, which costs the server memory and scheduling without adding throughput on a few cores;
        // callers beyond the cap wait their turn for a connection (up to the connection timeout).
        if (!SetsAny(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            settings.MaxPoolSize = MaxPoolSize;
        }
        return settings.ConnectionString;
    }

    private static bool SetsAny(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(given.ContainsKey);
    }
}
