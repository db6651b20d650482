using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A service's own PostgreSQL database: Aspire's EF Core integration (a pooled <see cref="DbContext"/> with retries
/// on transient failures, a health check named after the context, Npgsql tracing and metrics), plus what it leaves to
/// us: the connection string checked at start-up, statement auto-preparation, and the schema migrated on start.
/// </summary>
public static class NpgsqlDatabaseExtensions
{
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
        var withAutoPrepare = WithAutoPrepare(connectionName, connectionString);

        builder.AddNpgsqlDbContext<TContext>(connectionName, settings => settings.ConnectionString = withAutoPrepare, configure);
        builder.Services.AddHostedService<MigrateOnStartup<TContext>>();
        return builder;
    }

    // A handful of statements run for every message: prepared on each connection after their second use, PostgreSQL
    // parses and plans them once instead of every time. A connection string that sets its own value keeps it.
    private static string WithAutoPrepare(string connectionName, string connectionString)
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
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 32;
        }
        return settings.ConnectionString;
    }
}
