namespace WhatsAppGenesys.Hosting;

public enum ResourceState
{
    NotStarted,
    /// <summary>Waiting for the resources it <c>WaitFor</c>s to be healthy.</summary>
    Waiting,
    /// <summary>Started, not yet healthy.</summary>
    Starting,
    /// <summary>Started and healthy once; it may have become unhealthy since (health is re-checked on demand).</summary>
    Running,
    Stopping,
    Stopped,
    /// <summary>Its process ended without being asked to (a crash or a kill).</summary>
    Exited,
    FailedToStart,
    /// <summary>Configured with a connection string, so it is used as given and not started.</summary>
    External,
}
