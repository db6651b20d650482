using Aspire.Hosting;
using Aspire.Hosting.Testing;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.AppHost.LocalServers;
using WhatsAppGenesys.AppHostTesting;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

// Small applications of their own, built from the AppHost's local-server resources, so these tests can tear them
// down without touching the shared one.
public sealed class AppLifecycleTests(AppFixture fixture)
{
    [Fact]
    public async Task DisposingTheAppLeavesNoProcessAndFreesItsPorts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TestDataDirectory();
        var builder = data.CreateBuilder();
        var postgres = builder.AddLocalPostgres("postgres", LocalPorts.GetFreePort());
        var database = builder.AddPostgresDatabase(postgres.Resource, "appdb");
        var redis = builder.AddLocalRedis("redis", LocalPorts.GetFreePort());
        var rabbitmq = builder.AddLocalRabbitMQ("rabbitmq", LocalPorts.GetFreePort());
        var s3 = builder.AddLocalS3("s3", LocalPorts.GetFreePort());
        builder.AddProject<Projects.MetaSandbox>("sandbox", launchProfileName: null)
            .WithHttpEndpoint(name: "http").WithHttpHealthCheck("/health")
            .WithReference(redis).WaitFor(redis)
            .WithReference(database).WaitFor(database);
        var app = await RunningApp.StartAsync(builder, ct);
        await using var safetyNet = app; // disposing twice is harmless; this covers a failed assertion below

        // Every process of every resource, children included (postgres backends, beam.smp under the rabbitmq script).
        var processes = app.Resources.SelectMany(r => app.GetProcessIds(r.Name)).SelectMany(ProcFs.ProcessTree).Distinct().ToList();
        int[] ports = [postgres.Resource.Port, redis.Resource.Port, s3.Resource.Port, rabbitmq.Resource.Port, app.GetReplicaEndpoint("sandbox", 0).Port];
        Assert.True(ProcFs.ProcessTree(app.GetProcessIds("rabbitmq")[0]).Count > 1, "the broker runs as a script with an Erlang VM child");
        Assert.True(ProcFs.ProcessTree(app.GetProcessIds("postgres")[0]).Count > 1, "the postmaster has its auxiliary processes and backends");
        Assert.All(ports, port => Assert.False(Ports.IsFree(port), $"port {port} should be in use while running"));

        await app.DisposeAsync();

        await Eventually.TrueAsync(() => processes.All(pid => !ProcFs.IsAlive(pid)), TimeSpan.FromSeconds(30),
            () => $"processes outlived the application: {string.Join(", ", processes.Where(ProcFs.IsAlive))}");
        Assert.All(ports, port => Assert.True(Ports.IsFree(port), $"port {port} is still in use"));
    }

    [Fact]
    public async Task KilledPostgresStartsAgainOnTheSamePortWithItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TestDataDirectory();
        var builder = data.CreateBuilder();
        var postgres = builder.AddLocalPostgres("postgres", LocalPorts.GetFreePort());
        builder.AddPostgresDatabase(postgres.Resource, "appdb");
        await using var app = await RunningApp.StartAsync(builder, ct);
        await app.WaitForHealthyAsync("appdb", ct);
        var connectionString = await app.GetConnectionStringAsync("appdb", ct);
        await ExecuteAsync(connectionString!, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (42)", ct);
        var before = ProcFs.ProcessTree(app.GetProcessIds("postgres")[0]);

        await app.KillResourceAsync("postgres", ct);

        Assert.All(before, pid => Assert.False(ProcFs.IsAlive(pid), $"process {pid} survived the kill"));
        Assert.True(app.IsDown("postgres"));

        await app.StartResourceAsync("postgres", ct);

        Assert.Equal(42, await ExecuteAsync(connectionString!, "SELECT id FROM survivors", ct));
    }

    [Fact]
    public async Task DeletingTheDataDirectoryStartsPostgresAfresh()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TestDataDirectory();
        async Task<string> RunOnceAsync()
        {
            var builder = data.CreateBuilder();
            var postgres = builder.AddLocalPostgres("postgres", LocalPorts.GetFreePort());
            builder.AddPostgresDatabase(postgres.Resource, "appdb");
            await using var app = await RunningApp.StartAsync(builder, ct);
            await app.WaitForHealthyAsync("appdb", ct);
            var connectionString = (await app.GetConnectionStringAsync("appdb", ct))!;
            await ExecuteAsync(connectionString, "SELECT 1", ct);
            return connectionString;
        }

        var first = await RunOnceAsync();
        // A developer resets the data: a new password, and a new cluster that accepts it.
        data.Clear();
        var second = await RunOnceAsync();

        Assert.NotEqual(first.Split(';').Single(p => p.StartsWith("Password=", StringComparison.Ordinal)),
                        second.Split(';').Single(p => p.StartsWith("Password=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResourceWithConfiguredConnectionStringIsNotStarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var sharedRedis = await fixture.ConnectionStringAsync("redis");
        var sharedPostgres = (await fixture.ConnectionStringAsync("tenantdb")).Replace(";Database=tenantdb", "", StringComparison.Ordinal);
        using var data = new TestDataDirectory();
        var builder = data.CreateBuilder($"ConnectionStrings:cache={sharedRedis}", $"ConnectionStrings:pg={sharedPostgres}");
        var cache = builder.AddRedisServer("cache", port: 1);
        var database = builder.AddPostgresServer("pg", port: 1).AddDatabase("lifecycle-appdb");
        builder.AddProject<Projects.MetaSandbox>("sandbox", launchProfileName: null)
            .WithHttpEndpoint(name: "http").WithHttpHealthCheck("/health")
            .WithReference(cache).WaitFor(cache)
            .WithReference(database).WaitFor(database);
        await using var app = await RunningApp.StartAsync(builder, ct);

        Assert.Empty(app.GetProcessIds("cache"));
        Assert.Empty(app.GetProcessIds("pg"));
        Assert.Equal(sharedRedis, await app.GetConnectionStringAsync("cache", ct));
        Assert.Equal($"{sharedPostgres};Database=lifecycle-appdb", await app.GetConnectionStringAsync("lifecycle-appdb", ct));

        // The project that uses them was started once the database existed, and given exactly those connection strings.
        var environment = ProcessEnvironment.Read(Assert.Single(app.GetProcessIds("sandbox")));
        Assert.Equal(sharedRedis, environment["ConnectionStrings__cache"]);
        Assert.Equal($"{sharedPostgres};Database=lifecycle-appdb", environment["ConnectionStrings__lifecycle-appdb"]);
        Assert.Equal(1, await ExecuteAsync(environment["ConnectionStrings__lifecycle-appdb"], "SELECT 1", ct));
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        // No pooling: a pooled connection would be one the crash already killed.
        await using var connection = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }
}
