using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// A .NET project of the solution, run from the AppHost's build output as <c>dotnet &lt;assembly&gt;</c> with the
/// environment Aspire would give it: its URL, OpenTelemetry identity, connection strings and service-discovery entries.
/// </summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata, int? port)
    : ExecutableResource(name), IResourceWithEnvironment, IResourceWithServiceDiscovery, IResourceWithWaitSupport
{
    private readonly List<IResource> _references = [];
    private int[] _ports = [];

    public override string Kind => "Project";

    public IProjectMetadata Metadata { get; } = metadata;

    public int? RequestedPort { get; } = port;

    public int Replicas { get; internal set; } = 1;

    /// <summary>One port per replica; replica 0 gets the requested port, the others free ones.</summary>
    public IReadOnlyList<int> Ports => _ports;

    // Values from WithEnvironment, read when a replica starts: some (endpoints, parameters) only exist by then.
    private readonly Dictionary<string, Func<string?>> _environment = new(StringComparer.Ordinal);

    /// <summary>Resources given with <c>WithReference</c>: connection strings and service endpoints it receives.</summary>
    public IReadOnlyList<IResource> References => _references;

    internal override IEnumerable<IResource> Dependencies => WaitsFor.Concat(References).Distinct();

    internal void SetEnvironment(string name, Func<string?> value) => _environment[name] = value;

    internal void AddReference(IResource resource)
    {
        if (!_references.Contains(resource))
        {
            _references.Add(resource);
        }
    }

    internal override void Initialize(RunContext context)
    {
        base.Initialize(context);
        _ports = [.. Enumerable.Range(0, Replicas).Select(i => context.AllocatePort(i == 0 ? RequestedPort : null, Name))];
    }

    internal void SetPortsForTesting(params int[] ports) => _ports = ports;

    private protected override IEnumerable<ProcessSpec> GetProcessSpecs()
    {
        if (!File.Exists(Metadata.TargetPath))
        {
            throw new DistributedApplicationException($"'{Name}' has not been built: {Metadata.TargetPath} does not exist. Build the AppHost first.");
        }

        // The same `dotnet` that runs the AppHost when the CLI tells us which one that is.
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Command.RequireOnPath("dotnet", "the .NET SDK");

        for (var replica = 0; replica < Replicas; replica++)
        {
            yield return new ProcessSpec(Replicas == 1 ? Name : $"{Name}#{replica}", dotnet, [Metadata.TargetPath],
                Path.GetDirectoryName(Metadata.ProjectPath)!, BuildEnvironment(replica, Context.Configuration, Context.Console.UsesColour));
        }
    }

    /// <summary>What one replica receives (Aspire's contract, see style-anchors §2.5). Later entries win.</summary>
    internal Dictionary<string, string?> BuildEnvironment(int replica, IConfiguration configuration, bool colourOutput = false)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports[replica]}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
            // One line per log entry reads well behind the resource prefix.
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            ["LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE"] = "true",
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = colourOutput ? "true" : null,
        };

        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlpEndpoint)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc";
            // Aspire's development defaults: export every second and sample everything, so telemetry shows up at once.
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            environment["OTEL_TRACES_SAMPLER"] = "always_on";
            environment["OTEL_METRICS_EXEMPLAR_FILTER"] = "trace_based";
        }

        foreach (var reference in References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
                    break;
                case ProjectResource project:
                    for (var i = 0; i < project.Ports.Count; i++)
                    {
                        environment[$"services__{project.Name}__http__{i}"] = $"http://127.0.0.1:{project.Ports[i]}";
                    }
                    break;
            }
        }

        foreach (var (key, value) in _environment)
        {
            environment[key] = value();
        }

        // Overrides from the AppHost's configuration win over the model: for operators and tests
        // (AppHost:Environment:<VAR> for every project, AppHost:Resources:<name>:Environment:<VAR> for one).
        foreach (var section in new[] { "AppHost:Environment", $"AppHost:Resources:{Name}:Environment" })
        {
            foreach (var child in configuration.GetSection(section).GetChildren())
            {
                environment[child.Key] = child.Value;
            }
        }
        return environment;
    }

    // Healthy when every replica answers GET /health with 200 (ServiceDefaults' readiness endpoint).
    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        foreach (var port in Ports)
        {
            try
            {
                using var response = await Context.Http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return false;
            }
        }
        return true;
    }

    internal override string DescribeEndpoint() =>
        string.Join(", ", Ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}")));
}

public static class ProjectBuilderExtensions
{
    /// <summary>A project of the solution, from its generated <c>Projects.*</c> type.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name, int? port = null)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject(), port));

    /// <summary>Its URL (replica 0), to hand to another resource with <c>WithEnvironment</c>.</summary>
    public static EndpointReference GetEndpoint(this IResourceBuilder<ProjectResource> builder) => new(builder.Resource);

    /// <summary>Runs <paramref name="replicas"/> processes, each on its own port; references list them all.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }
}
