using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// A database on a PostgreSQL server: the local one, or one given by <c>ConnectionStrings:postgres</c>. Its
/// connection string is the server's plus <c>;Database=&lt;name&gt;</c>; it is ready once it exists and answers.
/// </summary>
public sealed class PostgresDatabaseResource(string name, IResourceWithConnectionString server)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public IResourceWithConnectionString Parent { get; } = server;

    public string DatabaseName => Name;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");

    /// <summary>Creates the database if it does not exist yet (services apply their own migrations inside it).</summary>
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(await Parent.GetConnectionStringAsync(cancellationToken))
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 3,
        };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // An identifier cannot be a parameter; the name is the model's own constant, quoted as an identifier.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public static class PostgresDatabaseBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddPostgresDatabase(this IDistributedApplicationBuilder builder, IResourceWithConnectionString server, string name)
    {
        var database = new PostgresDatabaseResource(name, server);
        var healthCheckKey = $"{name}_ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
        {
            try
            {
                await database.EnsureExistsAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                return HealthCheckResult.Unhealthy($"database {name} is not reachable yet", ex);
            }
        });
        // A database has no process of its own: it runs once its server is ready (Aspire only derives a child's state
        // from container parents), and from then on its health check says whether it answers.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await database.EnsureExistsAsync(ct);
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey);
    }
}
