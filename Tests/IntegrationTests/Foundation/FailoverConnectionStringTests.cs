using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>
/// The connection strings a deployment with replicas gives the services (docs/deploy.md, "When PostgreSQL or Redis
/// fail over"): several hosts, the first of them down, through the services' own registrations. Each must find the
/// server that serves, as after a failover the old primary is gone and the new one is listed further on.
/// </summary>
public sealed class FailoverConnectionStringTests(AppFixture fixture)
{
    [Fact]
    public async Task APostgreSQLStringListingSeveralHostsUsesTheOneThatServesAsPrimary()
    {
        var server = new NpgsqlConnectionStringBuilder(await fixture.ConnectionStringAsync(ResourceNames.Postgres));
        var dead = LocalPorts.GetFreePort();
        var failover = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Host = $"127.0.0.1:{dead},{server.Host}:{server.Port}",
            TargetSessionAttributes = "primary",
            Database = "postgres",
        };
        using var host = Build(b => b.AddNpgsqlDatabase<ProbeDbContext>("db"), ("ConnectionStrings:db", failover.ConnectionString));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();

        var ct = TestContext.Current.CancellationToken;
        var inRecovery = await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync(ct);
        var port = await db.Database.SqlQueryRaw<int>("SELECT inet_server_port() AS \"Value\"").SingleAsync(ct);

        Assert.False(inRecovery);
        Assert.Equal(server.Port, port);
    }

    [Fact]
    public async Task ARedisStringListingSeveralNodesWritesToTheOneThatServes()
    {
        var redis = await fixture.ConnectionStringAsync(ResourceNames.Redis);
        var dead = LocalPorts.GetFreePort();
        using var host = Build(b => b.AddRedisConnection("cache"), ("ConnectionStrings:cache", $"127.0.0.1:{dead},{redis}"));
        var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var key = $"failover-probe:{Guid.NewGuid():N}";

        await Eventually.TrueAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(15), () => "never connected");
        await multiplexer.GetDatabase().StringSetAsync(key, "written", TimeSpan.FromMinutes(1));

        Assert.Equal("written", (string?)await multiplexer.GetDatabase().StringGetAsync(key));
        var serving = Assert.Single(multiplexer.GetServers(), s => s.IsConnected);
        Assert.False(serving.IsReplica);
        Assert.Equal(redis, serving.EndPoint.ToString());
    }

    private static IHost Build(Action<IHostApplicationBuilder> register, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        register(builder);
        return builder.Build();
    }

    /// <summary>A context with no tables: the test needs a connection made the way the services make theirs.</summary>
    private sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options);
}
