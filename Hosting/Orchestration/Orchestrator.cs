using System.Collections.Concurrent;
using System.Diagnostics;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>
/// Starts the model as a dependency graph (everything independent in parallel, WaitFor edges respected) and stops it
/// in reverse (a resource stops only after everything that uses it has stopped).
/// </summary>
internal sealed class Orchestrator(IReadOnlyList<Resource> resources, RunContext context)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    public IReadOnlyList<Resource> Resources { get; } = resources;

    public RunContext Context { get; } = context;

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var starts = new ConcurrentDictionary<Resource, Lazy<Task>>();
        Task Start(Resource resource) => starts.GetOrAdd(resource, r => new Lazy<Task>(() => StartWhenReadyAsync(r))).Value;

        async Task StartWhenReadyAsync(Resource resource)
        {
            var dependencies = resource.WaitsFor.Cast<Resource>().ToList();
            if (dependencies.Count > 0)
            {
                resource.State = ResourceState.Waiting;
                try
                {
                    await Task.WhenAll(dependencies.Select(Start));
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    resource.State = ResourceState.FailedToStart;
                    throw new DependencyFailedException(resource.Name);
                }
            }
            await StartAndWaitHealthyAsync(resource, cancellationToken);
        }

        try
        {
            await Task.WhenAll(Resources.Select(Start));
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Report the root causes, not the resources that merely waited for them.
            var outcomes = starts
                .Select(s => (Resource: s.Key, Error: s.Value.Value.Exception?.InnerException))
                .Where(o => o.Error is not null)
                .ToList();
            var causes = outcomes.Where(o => o.Error is not DependencyFailedException).Select(o => o.Error!.Message);
            var blocked = outcomes.Where(o => o.Error is DependencyFailedException).Select(o => o.Resource.Name).ToList();
            throw new DistributedApplicationException(
                "The application failed to start." + Environment.NewLine + string.Join(Environment.NewLine, causes) +
                (blocked.Count > 0 ? $"{Environment.NewLine}Not started because of that: {string.Join(", ", blocked)}." : ""));
        }
    }

    /// <summary>Starts one resource (its dependencies must already be up) and returns once it is healthy.</summary>
    public async Task StartAndWaitHealthyAsync(Resource resource, CancellationToken cancellationToken)
    {
        if (resource.IsExternal)
        {
            resource.State = ResourceState.External;
            return;
        }

        var clock = Stopwatch.StartNew();
        resource.State = ResourceState.Starting;
        try
        {
            await resource.StartAsync(cancellationToken);
            await WaitHealthyAsync(resource, Context.Options.ResourceStartTimeout, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            resource.State = ResourceState.FailedToStart;
            // Errors from the health wait already name the resource and show its output; others get both added.
            throw ex is DistributedApplicationException && ex.Message.StartsWith($"Resource '{resource.Name}'", StringComparison.Ordinal)
                ? ex
                : new DistributedApplicationException($"Resource '{resource.Name}' failed to start: {ex.Message}{LastOutput(resource)}", ex);
        }
        resource.State = ResourceState.Running;
        Context.Console.WriteLine("apphost", $"{resource.Name} is healthy ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    public async Task WaitHealthyAsync(Resource resource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (resource.IsExternal)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (resource.HasFailed)
            {
                throw new DistributedApplicationException($"Resource '{resource.Name}' exited before it became healthy.{LastOutput(resource)}");
            }
            if (await resource.IsHealthyAsync(cancellationToken))
            {
                return;
            }
            if (clock.Elapsed > timeout)
            {
                throw new DistributedApplicationException(
                    $"Resource '{resource.Name}' did not become healthy within {timeout.TotalSeconds:0} s.{LastOutput(resource)}");
            }
            await Task.Delay(ProbeInterval, cancellationToken);
        }
    }

    public async Task StopAllAsync()
    {
        var dependents = Resources.ToDictionary(r => r, _ => new List<Resource>());
        foreach (var resource in Resources)
        {
            foreach (var dependency in resource.Dependencies.OfType<Resource>())
            {
                dependents[dependency].Add(resource);
            }
        }

        var stops = new ConcurrentDictionary<Resource, Lazy<Task>>();
        Task Stop(Resource resource) => stops.GetOrAdd(resource, r => new Lazy<Task>(() => StopAfterDependentsAsync(r))).Value;

        async Task StopAfterDependentsAsync(Resource resource)
        {
            await Task.WhenAll(dependents[resource].Select(Stop));
            await StopAsync(resource);
        }

        await Task.WhenAll(Resources.Select(Stop));
    }

    /// <summary>Stops one resource; never throws (a failure to stop is logged, the group was SIGKILLed anyway).</summary>
    public async Task StopAsync(Resource resource)
    {
        if (resource.State is ResourceState.External or ResourceState.NotStarted or ResourceState.Stopped)
        {
            return;
        }

        resource.State = ResourceState.Stopping;
        try
        {
            await resource.StopAsync();
        }
        catch (Exception ex)
        {
            Context.Console.WriteLine("apphost", $"{resource.Name} did not stop cleanly: {ex.Message}", isError: true);
        }
        resource.State = ResourceState.Stopped;
    }

    public async Task KillAsync(Resource resource)
    {
        await resource.KillAsync();
        resource.State = ResourceState.Exited;
    }

    /// <summary>The process is exiting: SIGKILL every group synchronously so nothing outlives the AppHost.</summary>
    public void KillAllNow()
    {
        foreach (var resource in Resources.OfType<ExecutableResource>())
        {
            resource.KillNow();
        }
    }

    private static string LastOutput(Resource resource) =>
        $"{Environment.NewLine}  Last output of '{resource.Name}':{Environment.NewLine}{resource.Log.FormatTail()}";

    private sealed class DependencyFailedException(string resourceName)
        : Exception($"'{resourceName}' was not started because a resource it waits for failed.");
}
