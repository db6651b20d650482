using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>A resource made of local processes, started in order and stopped in reverse.</summary>
public abstract class ExecutableResource(string name) : Resource(name)
{
    private readonly List<ManagedProcess> _processes = [];
    private readonly Lock _gate = new();

    internal override bool HasFailed
    {
        get { lock (_gate) { return _processes.Any(p => p.ExitedUnexpectedly); } }
    }

    internal override IReadOnlyList<int> ProcessIds
    {
        get { lock (_gate) { return [.. _processes.Where(p => p.IsRunning).Select(p => p.Pid)]; } }
    }

    /// <summary>Work before the first process starts (directories, config files, initdb).</summary>
    private protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The processes to run, in start order.</summary>
    private protected abstract IEnumerable<ProcessSpec> GetProcessSpecs();

    internal override async Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_processes.Count > 0)
            {
                throw new InvalidOperationException($"{this} is already running; stop it first.");
            }
        }

        await PrepareAsync(cancellationToken);
        foreach (var spec in GetProcessSpecs())
        {
            var process = ManagedProcess.Start(spec, Log, Context.PidFile, OnUnexpectedExit);
            lock (_gate)
            {
                _processes.Add(process);
            }

            if (spec.ListeningPort is int port)
            {
                await WaitUntilListeningAsync(process, port, cancellationToken);
            }
        }
    }

    internal override async Task StopAsync()
    {
        foreach (var process in TakeProcesses().AsEnumerable().Reverse())
        {
            await process.StopAsync();
        }
    }

    internal override Task KillAsync() => Task.WhenAll(TakeProcesses().Select(p => p.KillAsync()));

    /// <summary>The AppHost is exiting without having stopped us (e.g. a test host shutting down): kill, synchronously.</summary>
    internal void KillNow()
    {
        foreach (var process in TakeProcesses())
        {
            process.KillNow();
        }
    }

    private List<ManagedProcess> TakeProcesses()
    {
        lock (_gate)
        {
            var taken = _processes.ToList();
            _processes.Clear();
            return taken;
        }
    }

    private void OnUnexpectedExit(ManagedProcess process)
    {
        if (State is ResourceState.Running or ResourceState.Starting)
        {
            State = ResourceState.Exited;
        }
    }

    private async Task WaitUntilListeningAsync(ManagedProcess process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await Orchestration.Network.IsListeningAsync(port, cancellationToken))
        {
            if (!process.IsRunning)
            {
                throw new DistributedApplicationException($"'{process.DisplayName}' exited before listening on port {port}.");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new DistributedApplicationException($"'{process.DisplayName}' did not listen on port {port} within 30 s.");
            }
            await Task.Delay(50, cancellationToken);
        }
    }
}
