using WhatsAppGenesys.Hosting;

namespace WhatsAppGenesys.UnitTests.Hosting;

public sealed class ResourceModelTests
{
    [Fact]
    public void ConfiguredConnectionStringMakesAServerAndItsDatabasesExternal()
    {
        using var model = new ModelHarness(c => c["ConnectionStrings:postgres"] = "Host=db.internal;Port=5432;Username=app;Password=pw");
        var postgres = model.Builder.AddPostgres("postgres", port: 55432);
        var database = postgres.AddDatabase("statedb");
        model.Initialize();

        Assert.Null(postgres.Resource.Port);
        Assert.Equal("Host=db.internal;Port=5432;Username=app;Password=pw", postgres.Resource.ConnectionString);
        Assert.Equal("Host=db.internal;Port=5432;Username=app;Password=pw;Database=statedb", database.Resource.ConnectionString);
    }

    [Fact]
    public void ServersGetFreePortsInsteadOfTheModelsWhenTesting()
    {
        using var model = new ModelHarness();
        var redis = model.Builder.AddRedis("redis", port: 56379);
        var rabbitmq = model.Builder.AddRabbitMQ("rabbitmq", port: 55672);
        model.Initialize();

        int[] ports = [redis.Resource.Port!.Value, rabbitmq.Resource.Port!.Value, rabbitmq.Resource.EpmdPort, rabbitmq.Resource.DistributionPort];
        Assert.DoesNotContain(56379, ports);
        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.Equal($"wag-{rabbitmq.Resource.Port}@localhost", rabbitmq.Resource.NodeName);
    }

    [Fact]
    public void GeneratedParameterKeepsItsValueAcrossRunsOfTheSameDataDirectory()
    {
        using var model = new ModelHarness();
        var parameter = model.Builder.AddParameter("key", secret: true, generatedBytes: 16);
        model.Initialize();
        var first = parameter.Resource.Value;

        model.Initialize();

        Assert.Equal(first, parameter.Resource.Value);
        Assert.Equal(16, Convert.FromBase64String(first).Length);
    }

    [Fact]
    public void ParameterWithoutValueOrGeneratorFailsWithItsConfigurationKey()
    {
        using var model = new ModelHarness();
        model.Builder.AddParameter("required-key");

        var error = Assert.Throws<DistributedApplicationException>(model.Initialize);

        Assert.Contains("Parameters:required-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForCycleIsRejectedWhenBuilding()
    {
        using var model = new ModelHarness();
        var a = model.Builder.AddProject<FakeProject>("a");
        var b = model.Builder.AddProject<FakeProject>("b").WaitFor(a);
        a.WaitFor(b);

        var error = Assert.Throws<DistributedApplicationException>(() => model.Builder.Build());

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResourceNamesAreUniqueIgnoringCase()
    {
        using var model = new ModelHarness();
        model.Builder.AddRedis("redis");

        Assert.Throws<DistributedApplicationException>(() => model.Builder.AddRedis("Redis"));
    }
}
