using WhatsAppGenesys.Hosting;

namespace WhatsAppGenesys.UnitTests.Hosting;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public void ProjectReceivesAspireConnectionStringsForEachReferencedResource()
    {
        using var model = new ModelHarness();
        var postgres = model.Builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("tenantdb");
        var redis = model.Builder.AddRedis("redis");
        var rabbitmq = model.Builder.AddRabbitMQ("rabbitmq");
        var s3 = model.Builder.AddS3Server("minio");
        var project = model.Builder.AddProject<FakeProject>("tenant-service")
            .WithReference(database).WithReference(redis).WithReference(rabbitmq).WithReference(s3);
        model.Initialize();

        var environment = project.Resource.BuildEnvironment(0, model.Configuration);

        Assert.Equal($"Host=127.0.0.1;Port={postgres.Resource.Port};Username=postgres;Password=pg-secret;Database=tenantdb",
            environment["ConnectionStrings__tenantdb"]);
        Assert.Equal($"127.0.0.1:{redis.Resource.Port}", environment["ConnectionStrings__redis"]);
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{rabbitmq.Resource.Port}", environment["ConnectionStrings__rabbitmq"]);
        Assert.Equal($"Endpoint=http://127.0.0.1:{s3.Resource.Port};AccessKey=S3RVER;SecretKey=S3RVER", environment["ConnectionStrings__minio"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__postgres"), "only what is referenced is passed");
    }

    [Fact]
    public void ProjectGetsOneServiceDiscoveryEntryPerReplicaOfAReferencedProject()
    {
        using var model = new ModelHarness();
        var tenants = model.Builder.AddProject<FakeProject>("tenant-service").WithReplicas(3);
        var auth = model.Builder.AddProject<FakeProject>("auth-service").WithReference(tenants);
        model.Initialize();

        var environment = auth.Resource.BuildEnvironment(0, model.Configuration);

        Assert.Equal(3, tenants.Resource.Ports.Distinct().Count());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"http://127.0.0.1:{tenants.Resource.Ports[i]}", environment[$"services__tenant-service__http__{i}"]);
        }
        Assert.False(environment.ContainsKey("services__tenant-service__http__3"));
    }

    [Fact]
    public void EachReplicaListensOnItsOwnPortWithItsOwnInstanceId()
    {
        using var model = new ModelHarness();
        var project = model.Builder.AddProject<FakeProject>("auth-service").WithReplicas(2);
        model.Initialize();

        var first = project.Resource.BuildEnvironment(0, model.Configuration);
        var second = project.Resource.BuildEnvironment(1, model.Configuration);

        Assert.Equal($"http://127.0.0.1:{project.Resource.Ports[0]}", first["ASPNETCORE_URLS"]);
        Assert.Equal($"http://127.0.0.1:{project.Resource.Ports[1]}", second["ASPNETCORE_URLS"]);
        Assert.Equal("auth-service", first["OTEL_SERVICE_NAME"]);
        Assert.NotEqual(first["OTEL_RESOURCE_ATTRIBUTES"], second["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Development", first["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void OtlpSettingsArePassedOnlyWhenTheAppHostHasAnEndpoint()
    {
        using var withoutOtlp = new ModelHarness();
        var quiet = withoutOtlp.Builder.AddProject<FakeProject>("a");
        withoutOtlp.Initialize();
        using var withOtlp = new ModelHarness(c => c["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317");
        var traced = withOtlp.Builder.AddProject<FakeProject>("a");
        withOtlp.Initialize();

        Assert.False(quiet.Resource.BuildEnvironment(0, withoutOtlp.Configuration).ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var environment = traced.Resource.BuildEnvironment(0, withOtlp.Configuration);
        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void ConfigurationOverridesWinOverTheModelForEveryProjectOrOne()
    {
        using var model = new ModelHarness(c =>
        {
            c["AppHost:Environment:Feature__Mode"] = "everyone";
            c["AppHost:Resources:b:Environment:Feature__Mode"] = "only-b";
        });
        var a = model.Builder.AddProject<FakeProject>("a").WithEnvironment("Feature__Mode", "model");
        var b = model.Builder.AddProject<FakeProject>("b").WithEnvironment("Feature__Mode", "model");
        model.Initialize();

        Assert.Equal("everyone", a.Resource.BuildEnvironment(0, model.Configuration)["Feature__Mode"]);
        Assert.Equal("only-b", b.Resource.BuildEnvironment(0, model.Configuration)["Feature__Mode"]);
    }

    [Fact]
    public void EndpointsAndParametersAreResolvedWhenTheProjectStarts()
    {
        using var model = new ModelHarness(c => c["Parameters:api-key"] = "configured-key");
        var webhook = model.Builder.AddProject<FakeProject>("webhook");
        var apiKey = model.Builder.AddParameter("api-key", secret: true);
        var generated = model.Builder.AddParameter("encryption-key", secret: true, generatedBytes: 32);
        var simulator = model.Builder.AddProject<FakeProject>("simulator")
            .WithEnvironment("Simulator__WebhookUrl", webhook.GetEndpoint().WithPath("/webhook"))
            .WithEnvironment("Simulator__ApiKey", apiKey)
            .WithEnvironment("Simulator__Key", generated);
        model.Initialize();

        var environment = simulator.Resource.BuildEnvironment(0, model.Configuration);

        Assert.Equal($"http://127.0.0.1:{webhook.Resource.Ports[0]}/webhook", environment["Simulator__WebhookUrl"]);
        Assert.Equal("configured-key", environment["Simulator__ApiKey"]);
        Assert.Equal(32, Convert.FromBase64String(environment["Simulator__Key"]!).Length);
    }
}
