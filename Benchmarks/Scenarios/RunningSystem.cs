using WhatsAppGenesys.Contracts.Operations;
using System.Net.Http.Json;
using System.Security.Cryptography;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using WhatsAppGenesys.AppHostTesting;
using WhatsAppGenesys.Benchmarks.Measurement;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// The real AppHost in sandbox mode, booted through Aspire.Hosting.Testing the way the integration tests boot it (free
/// ports, a throwaway data directory) but with the Aspire dashboard on, as ./run.sh runs it (every service exports
/// its telemetry to it), and with the provider throughput limits raised so that what we measure is our own pipeline and not
/// the simulated Meta's 80 msg/s or Genesys's 300 requests/min (the values are listed in the report).
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    /// <summary>Environment overrides given to the services (every project) and to each simulator.</summary>
    public static readonly IReadOnlyList<(string Resource, string Variable, string Value, string Why)> LimitOverrides =
    [
        ("*", "Genesys__RequestsPerMinutePerTenant", "1000000", "our own per-tenant Genesys budget (default 300/min)"),
        ("*", "WhatsAppApi__MessagesPerSecondPerPhoneNumber", "100000", "our own per-number Graph budget (default 80/s)"),
        (ServiceNames.GenesysSandbox, "GenesysSandbox__RequestsPerMinute", "0", "simulated Genesys rate limit off (default 300/min per token)"),
        (ServiceNames.MetaSandbox, "MetaSandbox__MessagesPerSecond", "100000", "simulated Meta throughput (default 80/s per number)"),
        (ServiceNames.MetaSandbox, "MetaSandbox__Webhooks__MaxConcurrency", "512", "simulated Meta webhook posts in flight (default 48)"),
    ];

    private readonly List<HttpClient> _clients = [];

    private readonly string _dataDirectory;

    private RunningSystem(RunningApp app, string dataDirectory, string adminApiKey, int inboundReplicas, TelemetrySink? telemetry)
    {
        App = app;
        Telemetry = telemetry;
        _dataDirectory = dataDirectory;
        AdminApiKey = adminApiKey;
        InboundReplicas = inboundReplicas;
    }

    public RunningApp App { get; }

    /// <summary>The tenant service's operator key: we give the AppHost our own, as an operator would.</summary>
    public string AdminApiKey { get; }

    public int InboundReplicas { get; }

    /// <summary>Where the services' telemetry went when it did not go to the dashboard (<c>--telemetry-sink</c>).</summary>
    public TelemetrySink? Telemetry { get; }

    public static async Task<RunningSystem> StartAsync(BenchmarkOptions options, int inboundReplicas, CancellationToken cancellationToken)
    {
        var adminApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // Everyone may enter it: PostgreSQL runs as the postgres user under root and keeps its cluster inside.
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wag-bench-{Guid.NewGuid():N}"),
            (UnixFileMode)Convert.ToInt32("755", 8)).FullName;
        List<string> configuration =
        [
            $"AppHost:DataDirectory={dataDirectory}",
            $"AppHost:FastUnsafeStorage={options.FastUnsafeStorage}",
            $"Parameters:tenant-admin-api-key={adminApiKey}",
            $"AppHost:InboundTransformerReplicas={inboundReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        ];
        foreach (var (resource, variable, value, _) in LimitOverrides)
        {
            configuration.Add(resource == "*" ? $"AppHost:Environment:{variable}={value}" : $"AppHost:Resources:{resource}:Environment:{variable}={value}");
        }
        foreach (var (variable, value) in options.Environment)
        {
            configuration.Add($"AppHost:Environment:{variable}={value}");
        }
        var telemetry = options.TelemetrySink ? await TelemetrySink.StartAsync(cancellationToken) : null;
        if (telemetry is not null)
        {
            configuration.Add($"AppHost:Environment:OTEL_EXPORTER_OTLP_ENDPOINT={telemetry.Endpoint}");
            configuration.Add("AppHost:Environment:OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
        }
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. configuration],
            (hostOptions, _) =>
            {
                // The dashboard as ./run.sh shows it: its cost, and that of exporting to it, is part of the system's
                // unless the telemetry goes to the sink instead.
                hostOptions.DisableDashboard = telemetry is not null;
                hostOptions.AllowUnsecuredTransport = true;
                // Not the services' logs in our console: writing thousands of lines a second would be load-generator CPU.
                hostOptions.EnableResourceLogging = false;
            }, cancellationToken);

        RequireBuildsOfThisConfiguration(appHost.Resources.OfType<ProjectResource>());

        var app = await RunningApp.StartAsync(appHost, cancellationToken);
        return new RunningSystem(app, dataDirectory, adminApiKey, inboundReplicas, telemetry);
    }

    public Uri Endpoint(string resourceName, int replica = 0) =>
        replica == 0 ? App.GetEndpoint(resourceName) : App.GetReplicaEndpoint(resourceName, replica);

    /// <summary>A small client for control calls (set-up, counters); the load itself uses <see cref="Load.LoadClients"/>.</summary>
    public HttpClient Client(string resourceName, string? apiKey = null)
    {
        var client = Load.LoadClients.Create(Endpoint(resourceName), 32);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(TenancyHeaders.ApiKey, apiKey);
        }
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Waits until the work and delay queues of both pipelines are empty: what a measurement set in motion (an agent
    /// reply's three status webhooks, say) is finished before its CPU is counted and before the next one starts.
    /// </summary>
    public async Task<TimeSpan> WaitForPipelinesDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pipelines = new[]
        {
            (Client: Client(ServiceNames.InboundTransformer), Pipeline: Contracts.Events.Pipelines.Inbound),
            (Client: Client(ServiceNames.OutboundTransformer), Pipeline: Contracts.Events.Pipelines.Outbound),
        };
        while (clock.Elapsed < timeout)
        {
            long waiting = 0;
            foreach (var (client, pipeline) in pipelines)
            {
                var queues = await client.GetFromJsonAsync<List<QueueDepth>>($"/admin/pipelines/{pipeline}/queues", cancellationToken) ?? [];
                waiting += queues.Where(q => !q.Queue.EndsWith(".dead-letter", StringComparison.Ordinal) && !q.Queue.EndsWith(".error", StringComparison.Ordinal))
                    .Sum(q => (long)q.Messages);
            }
            if (waiting == 0)
            {
                return clock.Elapsed;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        return clock.Elapsed;
    }

    private sealed record QueueDepth(string Queue, uint Messages, uint Consumers);

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName) ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await App.DisposeAsync();
        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }
        Directory.Delete(_dataDirectory, recursive: true);
    }

    // DCP runs each service with `dotnet run --no-build` in the AppHost's configuration: a Release benchmark must find
    // Release builds of every service.
    private static void RequireBuildsOfThisConfiguration(IEnumerable<ProjectResource> projects)
    {
#if DEBUG
        const string configuration = "Debug";
        Console.Error.WriteLine("warning: a Debug build of the benchmark runs Debug services; use -c Release for numbers worth quoting.");
#else
        const string configuration = "Release";
#endif
        string Built(ProjectResource project)
        {
            var path = project.GetProjectMetadata().ProjectPath;
            return Path.Combine(Path.GetDirectoryName(path)!, "bin", configuration, "net10.0", $"WhatsAppGenesys.{Path.GetFileNameWithoutExtension(path)}.dll");
        }
        var missing = projects.Where(p => !File.Exists(Built(p))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"These services have no {configuration} build: {string.Join(", ", missing.Select(Built))}");
        }
    }
}
