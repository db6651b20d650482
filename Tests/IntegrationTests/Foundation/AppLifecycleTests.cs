using WhatsAppGenesys.Hosting;
using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Processes;
using WhatsAppGenesys.Hosting.Testing;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

// These build their own small applications with the engine, so they can tear them down without touching the
// shared one.
public sealed class AppLifecycleTests(AppFixture fixture)
{
    [Fact]
    public async Task DisposingTheAppLeavesNoProcessAndFreesItsPorts()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("appdb");
        var redis = builder.AddRedis("redis");
        var rabbitmq = builder.AddRabbitMQ("rabbitmq");
        var s3 = builder.AddS3Server("s3");
        var project = builder.AddProject<Projects.MetaSandbox>("sandbox")
            .WithReference(redis).WaitFor(redis)
            .WithReference(database).WaitFor(database);
        var app = builder.Build();
        await using var safetyNet = app; // disposing twice is harmless; this covers a failed assertion below
        await app.StartAsync(ct);

        // Every process of every resource, children included (postgres backends, beam.smp under the rabbitmq script).
        var processes = app.Resources.SelectMany(r => app.GetProcessIds(r.Name)).SelectMany(ProcFs.ProcessTree).Distinct().ToList();
        int[] ports =
        [
            postgres.Resource.Port!.Value, redis.Resource.Port!.Value, s3.Resource.Port!.Value, project.Resource.Ports[0],
            rabbitmq.Resource.Port!.Value, rabbitmq.Resource.EpmdPort, rabbitmq.Resource.DistributionPort,
        ];
        Assert.True(ProcFs.ProcessTree(app.GetProcessIds("rabbitmq")[^1]).Count > 1, "the broker runs as a script with an Erlang VM child");
        Assert.True(ProcFs.ProcessTree(app.GetProcessIds("postgres")[0]).Count > 1, "the postmaster has its auxiliary processes and backends");
        Assert.All(ports, port => Assert.False(PortAllocator.IsFree(port), $"port {port} should be in use while running"));

        await app.DisposeAsync();

        Assert.All(processes, pid => Assert.False(ProcFs.IsAlive(pid), $"process {pid} outlived the application"));
        Assert.All(ports, port => Assert.True(PortAllocator.IsFree(port), $"port {port} is still in use"));
        Assert.False(Directory.Exists(builder.Options.DataDirectory), "the test data directory is deleted");
    }

    [Fact]
    public async Task KilledPostgresStartsAgainOnTheSamePortWithItsData()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("postgres");
        postgres.AddDatabase("appdb");
        await using var app = builder.Build();
        await app.StartAsync(ct);
        var connectionString = await app.GetConnectionStringAsync("appdb", ct);
        await ExecuteAsync(connectionString!, "CREATE TABLE survivors (id int); INSERT INTO survivors VALUES (42)", ct);
        var port = postgres.Resource.Port;
        var before = ProcFs.ProcessTree(app.GetProcessIds("postgres")[0]);

        await app.KillResourceAsync("postgres");

        Assert.All(before, pid => Assert.False(ProcFs.IsAlive(pid), $"process {pid} survived the kill"));
        Assert.Equal(ResourceState.Exited, app.GetResourceState("postgres"));

        await app.StartResourceAsync("postgres", ct);

        Assert.Equal(port, postgres.Resource.Port);
        Assert.Equal(42, await ExecuteAsync(connectionString!, "SELECT id FROM survivors", ct));
    }

    [Fact]
    public async Task DeletingTheDataDirectoryStartsPostgresAfresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"whatsappgenesys-reset-{Guid.NewGuid():N}");
        async Task<string> RunOnceAsync(bool deleteOnDispose)
        {
            var builder = DistributedApplicationTestingBuilder.Create(configure: (options, _) =>
            {
                options.DataDirectory = dataDirectory;
                options.DeleteDataDirectoryOnDispose = deleteOnDispose;
            });
            builder.AddPostgres("postgres").AddDatabase("appdb");
            await using var app = builder.Build();
            await app.StartAsync(ct);
            return (await app.GetConnectionStringAsync("appdb", ct))!;
        }

        var first = await RunOnceAsync(deleteOnDispose: false);
        // A developer resets the data; as root the cluster itself lives outside it (under /tmp) and is stale now.
        Directory.Delete(dataDirectory, recursive: true);
        var second = await RunOnceAsync(deleteOnDispose: true);

        Assert.NotEqual(first, second); // a new password, and the server accepted it
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        // No pooling: a pooled connection would be one the crash already killed.
        await using var connection = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    [Fact]
    public async Task ResourceWithConfiguredConnectionStringIsNotStarted()
    {
        var ct = TestContext.Current.CancellationToken;
        var sharedRedis = await fixture.ConnectionStringAsync("redis");
        const string elsewhere = "Host=127.0.0.1;Port=1;Username=app;Password=secret";
        var builder = DistributedApplicationTestingBuilder.Create(configure: (_, configuration) =>
        {
            configuration["ConnectionStrings:cache"] = sharedRedis;
            configuration["ConnectionStrings:pg"] = elsewhere;
        });
        var cache = builder.AddRedis("cache");
        var database = builder.AddPostgres("pg").AddDatabase("appdb");
        builder.AddProject<Projects.MetaSandbox>("sandbox")
            .WithReference(cache).WaitFor(cache)
            .WithReference(database);
        await using var app = builder.Build();

        await app.StartAsync(ct);

        Assert.Equal(ResourceState.External, app.GetResourceState("cache"));
        Assert.Equal(ResourceState.External, app.GetResourceState("pg"));
        Assert.Equal(ResourceState.External, app.GetResourceState("appdb"));
        Assert.Empty(app.GetProcessIds("cache"));
        Assert.Empty(app.GetProcessIds("pg"));
        Assert.Equal(sharedRedis, await app.GetConnectionStringAsync("cache", ct));
        Assert.Equal($"{elsewhere};Database=appdb", await app.GetConnectionStringAsync("appdb", ct));

        // The project that uses them was started, and given exactly those connection strings.
        var environment = ProcessEnvironment.Read(Assert.Single(app.GetProcessIds("sandbox")));
        Assert.Equal(sharedRedis, environment["ConnectionStrings__cache"]);
        Assert.Equal($"{elsewhere};Database=appdb", environment["ConnectionStrings__appdb"]);
        Assert.Equal(ResourceState.Running, app.GetResourceState("sandbox"));
    }

    [Fact]
    public void GeneratedProjectTypesPointAtTheProjectAndItsBuiltAssembly()
    {
        var metadata = new Projects.TenantService();

        Assert.True(File.Exists(metadata.ProjectPath), metadata.ProjectPath);
        Assert.EndsWith("TenantService.csproj", metadata.ProjectPath, StringComparison.Ordinal);
        Assert.True(File.Exists(metadata.TargetPath), metadata.TargetPath);
        Assert.Equal("WhatsAppGenesys.TenantService.dll", Path.GetFileName(metadata.TargetPath));
        Assert.StartsWith(Path.GetDirectoryName(metadata.ProjectPath)!, metadata.TargetPath, StringComparison.Ordinal);
    }
}
