using System.Net.Http.Json;
using System.Security.Cryptography;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Hosting;
using WhatsAppGenesys.Hosting.Testing;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// The AppHost's real model in sandbox mode, booted the way the integration tests boot it (free ports, a throwaway
/// data directory), with the provider throughput limits raised so that what we measure is our own pipeline and not
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

    private RunningSystem(DistributedApplication app, string adminApiKey, int inboundReplicas)
    {
        App = app;
        AdminApiKey = adminApiKey;
        InboundReplicas = inboundReplicas;
    }

    public DistributedApplication App { get; }

    /// <summary>The tenant service's operator key: we give the AppHost our own, as an operator would.</summary>
    public string AdminApiKey { get; }

    public int InboundReplicas { get; }

    public static async Task<RunningSystem> StartAsync(BenchmarkOptions options, int inboundReplicas, CancellationToken cancellationToken)
    {
        var adminApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<global::Program>([], (hostOptions, configuration) =>
        {
            hostOptions.FastUnsafeStorage = options.FastUnsafeStorage;
            configuration["Parameters:tenant-admin-api-key"] = adminApiKey;
            configuration["AppHost:InboundTransformerReplicas"] = inboundReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (resource, variable, value, _) in LimitOverrides)
            {
                configuration[resource == "*" ? $"AppHost:Environment:{variable}" : $"AppHost:Resources:{resource}:Environment:{variable}"] = value;
            }
            foreach (var (variable, value) in options.Environment)
            {
                configuration[$"AppHost:Environment:{variable}"] = value;
            }
        }, cancellationToken);

        RequireBuildsOfThisConfiguration(appHost.Resources.OfType<ProjectResource>());

        var app = await appHost.BuildAsync(cancellationToken);
        var system = new RunningSystem(app, adminApiKey, inboundReplicas);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    public Uri Endpoint(string resourceName, int replica = 0) => App.GetEndpoint(resourceName, replica);

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
    }

    // The AppHost launches Services/*/bin/<its configuration>/...: a Release benchmark must run Release services.
    private static void RequireBuildsOfThisConfiguration(IEnumerable<ProjectResource> projects)
    {
#if DEBUG
        const string configuration = "Debug";
        Console.Error.WriteLine("warning: a Debug build of the benchmark runs Debug services; use -c Release for numbers worth quoting.");
#else
        const string configuration = "Release";
#endif
        var wrong = projects.Where(p => !p.Metadata.TargetPath.Replace('\\', '/').Contains($"/bin/{configuration}/", StringComparison.Ordinal)).ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"These services are not {configuration} builds: {string.Join(", ", wrong.Select(p => p.Metadata.TargetPath))}");
        }
        var missing = projects.Where(p => !File.Exists(p.Metadata.TargetPath)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"These services are not built: {string.Join(", ", missing.Select(p => p.Metadata.TargetPath))}");
        }
    }
}
