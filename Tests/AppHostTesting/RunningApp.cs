using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace WhatsAppGenesys.AppHostTesting;

/// <summary>
/// A started Aspire application as tests and the benchmark drive it: its resources' processes and replicas, stopping
/// them (SIGTERM, or Aspire's stop command as the dashboard's button does), starting them through Aspire's start
/// command, and crashing them with SIGKILL by the process ids in the resource snapshots.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(3);
    private readonly ResourceStates _states;

    private RunningApp(DistributedApplication app)
    {
        App = app;
        _states = new ResourceStates(app);
    }

    public DistributedApplication App { get; }

    public IEnumerable<IResource> Resources => App.Services.GetRequiredService<DistributedApplicationModel>().Resources;

    /// <summary>Builds and starts the application; returns once every resource is up (Aspire's StartAsync).</summary>
    public static async Task<RunningApp> StartAsync(IDistributedApplicationTestingBuilder builder, CancellationToken cancellationToken)
    {
        var app = await builder.BuildAsync(cancellationToken);
        var running = new RunningApp(app); // watching before the start, so no state change is missed
        try
        {
            await app.StartAsync(cancellationToken);
            // StartAsync returns once every process is started; a resource nobody waits for may not be ready yet.
            foreach (var resource in running.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any()))
            {
                await running.WaitForHealthyAsync(resource.Name, cancellationToken);
            }
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    public Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        App.GetConnectionStringAsync(resourceName, cancellationToken).AsTask();

    /// <summary>A service's public HTTP endpoint (DCP's proxy, which spreads requests over its replicas).</summary>
    public Uri GetEndpoint(string resourceName) => App.GetEndpoint(resourceName, "http");

    /// <summary>One replica's own HTTP endpoint, behind the proxy: where that process itself listens.</summary>
    public Uri GetReplicaEndpoint(string resourceName, int replica)
    {
        var pids = GetProcessIds(resourceName);
        if (replica >= pids.Count)
        {
            throw new InvalidOperationException($"{resourceName} has {pids.Count} running replica(s), not {replica + 1}.");
        }
        var urls = ProcessEnvironment.Read(pids[replica]).GetValueOrDefault("ASPNETCORE_URLS")
            ?? throw new InvalidOperationException($"Replica {replica} of {resourceName} was started without ASPNETCORE_URLS.");
        return new Uri(urls.Split(';')[0]);
    }

    /// <summary>An HttpClient for a service; with <paramref name="replica"/>, for that replica alone.</summary>
    public HttpClient CreateHttpClient(string resourceName, int? replica = null) =>
        new() { BaseAddress = replica is { } index ? GetReplicaEndpoint(resourceName, index) : GetEndpoint(resourceName) };

    /// <summary>
    /// The process id of each running instance (replica) of the resource. DCP starts a project as <c>dotnet run
    /// --no-build</c>, which runs the service as its child: for a project this is the service's own process.
    /// </summary>
    public IReadOnlyList<int> GetProcessIds(string resourceName) =>
        _states.Instances(resourceName)
            .Where(s => s.State?.Text == KnownResourceStates.Running)
            .Select(ProcessId)
            .OfType<int>()
            .Select(ProcFs.ServiceProcess)
            .ToList();

    /// <summary>The state of each instance (Running, Exited, Finished, …).</summary>
    public IReadOnlyList<string?> GetStates(string resourceName) =>
        _states.Instances(resourceName).Select(s => s.State?.Text).ToList();

    /// <summary>True when some instance is not running (stopped, killed or failed): a fault's undo should start it.</summary>
    public bool IsDown(string resourceName) =>
        GetStates(resourceName).Any(state => state is not null && KnownResourceStates.TerminalStates.Contains(state));

    /// <summary>
    /// Stops every instance as an orchestrator stops a process (SIGTERM: a graceful shutdown) and waits until Aspire
    /// sees each one stopped. Not through DCP's stop command: on a loaded machine DCP's stop walks the process tree
    /// slowly (a PostgreSQL with its backends, a project under <c>dotnet run</c>), times out, and may lose track of the
    /// instance, which then does not start again. An instance that ignores SIGTERM for a minute is killed.
    /// </summary>
    public async Task StopResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        foreach (var pid in _states.Instances(resourceName).Where(s => !IsTerminal(s)).Select(ProcessId).OfType<int>())
        {
            // For a project that is the service under `dotnet run`, which exits with it.
            Posix.Terminate(ProcFs.ServiceProcess(pid));
        }
        if (!await WaitUntilOrTimeoutAsync(resourceName, instances => instances.All(IsTerminal), StopGrace, cancellationToken))
        {
            var alive = _states.Instances(resourceName).Select(ProcessId).OfType<int>().SelectMany(ProcFs.ProcessTree).Distinct().ToList();
            foreach (var pid in alive)
            {
                Posix.Kill(pid);
            }
            await WaitUntilAsync(resourceName, instances => instances.All(IsTerminal),
                $"stopped after SIGTERM and then SIGKILL to {alive.Count} process(es)", cancellationToken);
        }
    }

    /// <summary>Stops every instance through Aspire's own stop command, as the dashboard's Stop button does.</summary>
    public async Task StopWithCommandAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(resourceName, KnownResourceCommands.StopCommand, cancellationToken);
        await WaitUntilAsync(resourceName, instances => instances.All(IsTerminal), "stopped", cancellationToken);
    }

    /// <summary>Starts every instance again (same ports, same data) and waits until each is healthy.</summary>
    public async Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(resourceName, KnownResourceCommands.StartCommand, cancellationToken);
        await WaitForHealthyAsync(resourceName, cancellationToken);
    }

    /// <summary>A crash: SIGKILL to every process of every instance (children included), then waits until Aspire sees it.</summary>
    public async Task KillResourceAsync(string resourceName, CancellationToken cancellationToken = default)
    {
        var pids = _states.Instances(resourceName).Select(ProcessId).OfType<int>();
        foreach (var pid in pids.SelectMany(ProcFs.ProcessTree).Distinct())
        {
            Posix.Kill(pid);
        }
        await WaitUntilAsync(resourceName, instances => instances.All(IsTerminal), "exited after the kill", cancellationToken);
    }

    /// <summary>Waits until every instance runs and reports healthy.</summary>
    public Task WaitForHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(resourceName,
            instances => instances.Count > 0 && instances.All(s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy),
            "healthy", cancellationToken);

    /// <summary>Resident memory of every instance's process tree, in bytes.</summary>
    public long GetResidentMemoryBytes(string resourceName) =>
        GetProcessIds(resourceName).SelectMany(ProcFs.ProcessTree).Distinct().Sum(ProcFs.ResidentBytes);

    /// <summary>Runs one of the resource's commands as the dashboard's button does; throws if it reports failure.</summary>
    public Task ExecuteCommandAsync(string resourceName, string command, CancellationToken cancellationToken = default) =>
        ExecuteAsync(resourceName, command, cancellationToken);

    private async Task ExecuteAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        // A command DCP never answers fails the test after the resource timeout instead of holding up the run.
        var result = await TryExecuteAsync(resourceName, command, cancellationToken).WaitAsync(ResourceTimeout, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on {resourceName} failed: {result.Message}");
        }
    }

    private Task<ExecuteCommandResult> TryExecuteAsync(string resourceName, string command, CancellationToken cancellationToken) =>
        App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(Resources.Single(r => r.Name == resourceName), command, cancellationToken);

    // How long a graceful stop may take to show in the instances' state.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    private async Task<bool> WaitUntilOrTimeoutAsync(string resourceName, Func<IReadOnlyList<CustomResourceSnapshot>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await WaitUntilAsync(resourceName, condition, "stopped", deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task WaitUntilAsync(string resourceName, Func<IReadOnlyList<CustomResourceSnapshot>, bool> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ResourceTimeout;
        while (!condition(_states.Instances(resourceName)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{resourceName} was not {what} within {ResourceTimeout.TotalMinutes} minutes (states: {string.Join(", ", GetStates(resourceName))}).");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static bool IsTerminal(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);

    private static int? ProcessId(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;

    private int _disposed;

    // Stopping takes seconds; a whole system under load, well under a minute.
    private static readonly TimeSpan StopLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Stops everything (Aspire stops DCP and every process it started); safe to call twice. Aspire's stop has been
    /// seen to hang on its own (microsoft/aspire#7139); a test run must not wait on it forever, so after
    /// <see cref="StopLimit"/> every process the application started is killed and the stop is left behind.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        var stopping = App.DisposeAsync().AsTask();
        if (await Task.WhenAny(stopping, Task.Delay(StopLimit)) != stopping)
        {
            var alive = Resources.SelectMany(r => _states.Instances(r.Name)).Select(ProcessId).OfType<int>()
                .SelectMany(ProcFs.ProcessTree).Distinct().ToList();
            Console.Error.WriteLine($"RunningApp: Aspire did not stop within {StopLimit.TotalMinutes} minutes; killing {alive.Count} process(es) it started.");
            foreach (var pid in alive)
            {
                Posix.Kill(pid);
            }
            return;
        }
        await stopping;
        await _states.DisposeAsync();
    }
}
