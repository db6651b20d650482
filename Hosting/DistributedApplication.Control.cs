using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

// Runtime control of single resources, for tests, fault injection and benchmarks.
public sealed partial class DistributedApplication
{
    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Find(resourceName) is IResourceWithConnectionString resource
            ? resource.GetConnectionStringAsync(cancellationToken)
            : throw new InvalidOperationException($"'{resourceName}' has no connection string.");

    /// <summary>http://127.0.0.1:&lt;port&gt; of a project replica or the S3 server; tcp://... for other servers.</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0)
    {
        RequireStarted();
        return Find(resourceName) switch
        {
            ProjectResource project => new Uri($"http://127.0.0.1:{project.Ports[replica]}"),
            ServerResource { IsExternal: true } => throw new InvalidOperationException($"'{resourceName}' is external; use its connection string."),
            S3ServerResource s3 => new Uri($"http://127.0.0.1:{s3.Port}"),
            ServerResource server => new Uri($"tcp://127.0.0.1:{server.Port}"),
            var other => throw new InvalidOperationException($"{other} has no endpoint of its own."),
        };
    }

    public HttpClient CreateHttpClient(string resourceName, int replica = 0) => new() { BaseAddress = GetEndpoint(resourceName, replica) };

    /// <summary>Stops the resource (SIGTERM, then SIGKILL) and everything it spawned; its port and data stay its own.</summary>
    public Task StopResourceAsync(string resourceName) => Orchestrator.StopAsync(Find(resourceName));

    /// <summary>Starts a stopped or killed resource again on the same port with the same data; returns once healthy.</summary>
    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var resource = Find(resourceName);
        return resource.State is ResourceState.Running or ResourceState.Starting or ResourceState.Waiting
            ? throw new InvalidOperationException($"'{resourceName}' is {resource.State}; stop or kill it first.")
            : Orchestrator.StartAndWaitHealthyAsync(resource, cancellationToken);
    }

    /// <summary>SIGKILLs the resource's processes at once, as a crash would.</summary>
    public Task KillResourceAsync(string resourceName) => Orchestrator.KillAsync(Find(resourceName));

    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Orchestrator.WaitHealthyAsync(Find(resourceName), Options.ResourceStartTimeout, cancellationToken);

    /// <summary>One health probe, as WaitFor uses it.</summary>
    public Task<bool> IsResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Find(resourceName).IsHealthyAsync(cancellationToken);

    public ResourceState GetResourceState(string resourceName) => Find(resourceName).State;

    /// <summary>The processes the resource runs (one per replica for projects); <see cref="ProcFs.ProcessTree"/> adds their children.</summary>
    public IReadOnlyList<int> GetProcessIds(string resourceName) => Find(resourceName).ProcessIds;

    /// <summary>Resident memory of the resource: its processes and all their children.</summary>
    public long GetResidentMemoryBytes(string resourceName) =>
        GetProcessIds(resourceName).SelectMany(ProcFs.ProcessTree).Distinct().Sum(ProcFs.ResidentBytes);

    /// <summary>The resource's most recent output lines.</summary>
    public IReadOnlyList<string> GetResourceOutput(string resourceName) => Find(resourceName).Log?.Tail() ?? [];

    private Orchestrator Orchestrator => RequireStarted();

    private Orchestrator RequireStarted() =>
        _orchestrator ?? throw new InvalidOperationException("The application has not been started (call StartAsync first).");

    private Resource Find(string resourceName) =>
        _builder.ResourceModel.FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"No resource named '{resourceName}'. Known: {string.Join(", ", _builder.ResourceModel.Select(r => r.Name))}.", nameof(resourceName));
}
