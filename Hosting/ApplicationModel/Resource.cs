using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// Base of every resource: its model (name, what it waits for) plus the few operations the orchestrator drives.
/// Each kind (Resources/*.cs) only says how it starts, how it is probed for health and what its connection string is.
/// </summary>
public abstract class Resource : IResource
{
    private readonly List<IResource> _waitsFor = [];

    protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>Shown in the start-up table ("PostgreSQL", "Redis", "Project"...).</summary>
    public abstract string Kind { get; }

    public ResourceState State { get; internal set; } = ResourceState.NotStarted;

    /// <summary>Resources that must be healthy before this one starts (<c>WaitFor</c>).</summary>
    public IReadOnlyList<IResource> WaitsFor => _waitsFor;

    internal ResourceLog Log { get; private set; } = null!;

    private protected RunContext Context { get; private set; } = null!;

    /// <summary>Everything this resource uses at run time; stopping goes in the reverse of this order.</summary>
    internal virtual IEnumerable<IResource> Dependencies => WaitsFor;

    /// <summary>Configured with a connection string: used as given, never started.</summary>
    internal virtual bool IsExternal => false;

    /// <summary>One of its processes died on its own: no point waiting for it to become healthy.</summary>
    internal virtual bool HasFailed => false;

    internal virtual IReadOnlyList<int> ProcessIds => [];

    internal void AddWaitFor(IResource resource)
    {
        if (!_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    /// <summary>Runs once before anything starts: ports, passwords, directories.</summary>
    internal virtual void Initialize(RunContext context)
    {
        Context = context;
        Log = context.CreateLog(Name);
    }

    internal abstract Task StartAsync(CancellationToken cancellationToken);

    internal abstract Task StopAsync();

    internal abstract Task KillAsync();

    /// <summary>One health probe; never throws, answers within a few seconds.</summary>
    internal abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Where to reach it, for the start-up table (passwords masked by the caller).</summary>
    internal abstract string DescribeEndpoint();

    /// <summary>Removes data kept outside the app's data directory (throwaway test runs only).</summary>
    internal virtual void DeleteExternalData() { }

    public override string ToString() => $"{Kind} '{Name}'";
}
