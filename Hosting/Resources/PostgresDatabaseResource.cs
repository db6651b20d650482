using System.Data.Common;
using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Orchestration;

namespace WhatsAppGenesys.Hosting;

/// <summary>A database on a <see cref="PostgresServerResource"/>: created (if missing) once the server is healthy.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString, IResourceWithWaitSupport
{
    private string? _ownConnectionString;

    internal PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent) : base(name)
    {
        DatabaseName = databaseName;
        Parent = parent;
        // Nothing can use the database before its server answers.
        AddWaitFor(parent);
    }

    public override string Kind => "PostgreSQL database";

    public string DatabaseName { get; }

    public PostgresServerResource Parent { get; }

    // A database of a server that is used as given is used as given too: it is not ours to create.
    internal override bool IsExternal => _ownConnectionString is not null || Parent.IsExternal;

    public string? ConnectionString => _ownConnectionString ?? (Parent.ConnectionString is { } server
        ? $"{server};{new DbConnectionStringBuilder { ["Database"] = DatabaseName }.ConnectionString}"
        : null);

    internal override void Initialize(RunContext context)
    {
        base.Initialize(context);
        _ownConnectionString = context.Configuration.GetConnectionString(Name);
    }

    internal override async Task StartAsync(CancellationToken cancellationToken)
    {
        var exists = await Parent.QueryAsync("postgres", "SELECT count(*) FROM pg_database WHERE datname = @name", cancellationToken, ("name", DatabaseName));
        if (exists is null)
        {
            throw new DistributedApplicationException($"Could not reach '{Parent.Name}' to create database '{DatabaseName}'.");
        }
        if ((long)exists == 0)
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            var quoted = "\"" + DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            if (await Parent.QueryAsync("postgres", $"CREATE DATABASE {quoted}", cancellationToken) is null)
            {
                throw new DistributedApplicationException($"Could not create database {quoted} on '{Parent.Name}'.");
            }
            Log.Write(Name, $"created database {quoted}");
        }
    }

    // The database lives and dies with its server.
    internal override Task StopAsync() => Task.CompletedTask;

    internal override Task KillAsync() => Task.CompletedTask;

    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        await Parent.QueryAsync(DatabaseName, "SELECT 1", cancellationToken) is not null;

    internal override string DescribeEndpoint() => ConnectionString ?? "";
}
