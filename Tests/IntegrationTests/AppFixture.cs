using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using Minio;
using WhatsAppGenesys.AppHostTesting;

[assembly: AssemblyFixture(typeof(WhatsAppGenesys.IntegrationTests.AppFixture))]
// Four test classes at a time, where xUnit's default is one per core: most of the parallel tests spend their time
// waiting on the running app (retry back-offs, the storage sweep, a browser), so at two both cores sat half idle.
// The collections that break or load the whole app still run alone, after these (docs/hosting.md, "Tests").
[assembly: Xunit.v3.Parallelization(MaxThreads = 4)]
// The suite starts Debian-packaged servers as local processes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace WhatsAppGenesys.IntegrationTests;

/// <summary>
/// The real AppHost, booted once per test run through Aspire.Hosting.Testing (free ports, throwaway data, no
/// dashboard) and shared by every test: the service processes plus PostgreSQL, Redis, RabbitMQ and the S3 server.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Every project of the model: the thirteen services, the three web apps and the three sandboxes.</summary>
    public static readonly string[] Projects =
    [
        "api-gateway", "inbound-transformer", "outbound-transformer", "auth-service", "state-manager", "tenant-service",
        "whatsapp-api", "rcs-api", "whatsapp-webhook", "genesys-api", "genesys-webhook", "portal-service", "alert-service", "admin-dashboard",
        "agent-portal", "agent-widget", "meta-sandbox", "genesys-sandbox", "rcs-sandbox",
    ];

    /// <summary>A pipeline nobody consumes, watched by the alert service, where the alerting tests park and queue messages.</summary>
    public const string AlertProbePipeline = "alerting-probe";

    /// <summary>Where the alert service sends e-mail: the alerting tests run a real SMTP server (Debian's aiosmtpd) on it.</summary>
    public int SmtpPort { get; } = WhatsAppGenesys.AppHost.Infrastructure.LocalPorts.GetFreePort();

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();

    public RunningApp App { get; private set; } = null!;

    /// <summary>
    /// The servers' data and generated secrets. Everyone may enter it (mode 0755 under /tmp), so PostgreSQL, which runs
    /// as the postgres user when the tests run as root, keeps its cluster inside it and goes away with it.
    /// </summary>
    public string DataDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), $"wag-test-data-{Guid.NewGuid():N}"),
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
        UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute).FullName;

    /// <summary>Where every process of the app writes its finished spans, one JSON-lines file per process.</summary>
    public string SpanDirectory { get; } = Directory.CreateTempSubdirectory("wag-spans-").FullName;

    /// <summary>Where every process writes its log records, and its business measurements, one JSON-lines file per process.</summary>
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("wag-logs-").FullName;

    public string MeasurementDirectory { get; } = Directory.CreateTempSubdirectory("wag-measurements-").FullName;

    /// <summary>An HttpClient for a project, addressed at its first replica.</summary>
    public HttpClient Client(string resourceName) => _clients.GetOrAdd(resourceName, name => App.CreateHttpClient(name));

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    /// <summary>An S3 client on the same server the services use.</summary>
    public async Task<IMinioClient> S3ClientAsync()
    {
        var parts = (await ConnectionStringAsync("minio")).Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var endpoint = new Uri(parts["Endpoint"]);
        return new MinioClient().WithEndpoint(endpoint.Host, endpoint.Port).WithCredentials(parts["AccessKey"], parts["SecretKey"])
            .WithRegion("us-east-1").Build();
    }

    /// <summary>
    /// Keys under a prefix. Read from the S3 listing XML directly: s3rver answers it in a namespace the Minio 7 client
    /// does not recognise (it then lists nothing), while MinIO and S3 use the standard one.
    /// </summary>
    public async Task<List<string>> ListS3KeysAsync(string bucket, string prefix)
    {
        var endpoint = (await ConnectionStringAsync("minio")).Split(';').First(p => p.StartsWith("Endpoint=", StringComparison.Ordinal))["Endpoint=".Length..];
        using var http = new HttpClient();
        var xml = System.Xml.Linq.XDocument.Parse(await http.GetStringAsync($"{endpoint}/{bucket}?list-type=2&prefix={Uri.EscapeDataString(prefix)}"));
        return xml.Descendants().Where(e => e.Name.LocalName == "Key").Select(e => e.Value).ToList();
    }

    public async ValueTask InitializeAsync()
    {
        HangWatchdog.Start();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"AppHost:DataDirectory={DataDirectory}",
            // A killed server still keeps every commit; only an operating-system crash would need fsync.
            "AppHost:FastUnsafeStorage=true",
            // No dashboard runs under the testing builder, yet Aspire still points every service's OTLP exporter at
            // its port: each would serialise every span and metric and retry sending it to nobody. The tests read
            // the telemetry files below instead, and ServiceDefaults adds no exporter for an empty endpoint.
            "AppHost:Environment:OTEL_EXPORTER_OTLP_ENDPOINT=",
            $"AppHost:Environment:Telemetry__SpanDirectory={SpanDirectory}",
            $"AppHost:Environment:Telemetry__LogDirectory={LogDirectory}",
            $"AppHost:Environment:Telemetry__MeasurementDirectory={MeasurementDirectory}",
            // Two of each transformer, as a highly available deployment runs them: one consumes each partition, the
            // other stands by (the fault-injection suite kills one mid-burst).
            "AppHost:InboundTransformerReplicas=2",
            "AppHost:OutboundTransformerReplicas=2",
            // Our own per-tenant Genesys budget (300 a minute, Genesys's default) would make a 2,000-message burst
            // through the demo tenant take seven minutes; the fault suite lifts the simulator's limit the same way.
            "AppHost:Resources:genesys-api:Environment:Genesys__RequestsPerMinutePerTenant=1000000",
            // History retention sweeps every 10 s instead of hourly, so a retention test sees old messages go within seconds.
            "AppHost:Resources:portal-service:Environment:History__Retention__Interval=00:00:10",
            // The storage lifecycle runs every 30 s instead of hourly, so a test sees backdated objects expire within a
            // minute. Not more often: on s3rver each sweep lists every archived webhook of the tenants' folders (its
            // delimited listings read the whole subtree), and the suite archives tens of thousands of them.
            "AppHost:Resources:portal-service:Environment:Storage__Lifecycle__Interval=00:00:30",
            // Campaign back-offs in seconds rather than minutes, so the campaign tests watch a whole back-off; a short
            // lease so a killed portal-service's campaign is taken up again within seconds of its restart.
            "AppHost:Resources:portal-service:Environment:Campaigns__PollInterval=00:00:00.500",
            "AppHost:Resources:portal-service:Environment:Campaigns__LeaseDuration=00:00:05",
            "AppHost:Resources:portal-service:Environment:Campaigns__SpamBackoff=00:00:03",
            "AppHost:Resources:portal-service:Environment:Campaigns__PairRateBackoff=00:00:02",
            "AppHost:Resources:portal-service:Environment:Campaigns__MessagingLimitRecheck=00:00:02",
            // Alerting in seconds: rules evaluated every second, windows short enough that a test sees an alert clear.
            "AppHost:Resources:alert-service:Environment:Alerting__EvaluationInterval=00:00:01",
            "AppHost:Resources:alert-service:Environment:Alerting__SignatureFailureWindow=00:00:20",
            "AppHost:Resources:alert-service:Environment:Alerting__TokenErrorWindow=00:00:10",
            // A minute for send errors: ten refused sends go through the whole outbound pipeline first, and on a loaded
            // two-core machine they once spread over more than 20 s, so no 20 s window held ten of them.
            "AppHost:Resources:alert-service:Environment:Alerting__SendErrorWindow=00:01:00",
            "AppHost:Resources:alert-service:Environment:Alerting__BacklogAge=00:00:03",
            "AppHost:Resources:alert-service:Environment:Alerting__NotificationRetryInterval=00:00:01",
            "AppHost:Resources:alert-service:Environment:Alerting__AllowPrivateWebhookTargets=true",
            "AppHost:Resources:alert-service:Environment:Alerting__Pipelines__0=inbound-whatsapp",
            "AppHost:Resources:alert-service:Environment:Alerting__Pipelines__1=outbound-genesys",
            "AppHost:Resources:alert-service:Environment:Alerting__Pipelines__2=conversation-history",
            "AppHost:Resources:alert-service:Environment:Alerting__Pipelines__3=template-status",
            $"AppHost:Resources:alert-service:Environment:Alerting__Pipelines__4={AlertProbePipeline}",
            "AppHost:Resources:alert-service:Environment:Alerting__Smtp__Host=127.0.0.1",
            $"AppHost:Resources:alert-service:Environment:Alerting__Smtp__Port={SmtpPort}",
            "AppHost:Resources:alert-service:Environment:Alerting__Smtp__Security=None",
            // Readiness probes fail while services start; the AppHost logs each failure, which is noise in test output.
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            // Each service's console output is forwarded to the test log (stdout as Information, stderr as Error); a
            // 40-minute run's worth of it hides the failures. Test assertions read the telemetry files instead.
            "Logging:LogLevel:WhatsAppGenesys.AppHost.Resources=Warning",
        ], TestContext.Current.CancellationToken);
        App = await RunningApp.StartAsync(appHost, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        Directory.Delete(SpanDirectory, recursive: true);
        // WAG_KEEP_TEST_LOGS=1 keeps the services' logs for a post-mortem (the path is in the test output).
        if (Environment.GetEnvironmentVariable("WAG_KEEP_TEST_LOGS") != "1")
        {
            Directory.Delete(LogDirectory, recursive: true);
        }
        Directory.Delete(MeasurementDirectory, recursive: true);
        Directory.Delete(DataDirectory, recursive: true);
    }
}
