namespace WhatsAppGenesys.Hosting;

/// <summary>How an application runs; the testing builder changes the defaults for throwaway, parallel-safe runs.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Where resources keep their data. Default: configuration <c>AppHost:DataDirectory</c>, else &lt;repo&gt;/.apphost/data.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Every resource gets a free port instead of the one in the model, so tests (or a second copy, with
    /// configuration <c>AppHost:RandomizePorts=true</c>) run next to an AppHost that holds the model's ports.</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Delete the data directory when the application is disposed.</summary>
    public bool DeleteDataDirectoryOnDispose { get; set; }

    /// <summary>Write every resource's output to the console, prefixed with its name. Default: configuration
    /// <c>AppHost:ShowResourceOutput</c>, else on except when testing.</summary>
    public bool? ShowResourceOutput { get; set; }

    /// <summary>Trade durability against OS crashes for speed (PostgreSQL fsync=off, initdb --no-sync): for throwaway
    /// data only. A killed process still loses no committed data.</summary>
    public bool FastUnsafeStorage { get; set; }

    /// <summary>How long a resource may take from its start to its first healthy probe.</summary>
    public TimeSpan ResourceStartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The directory holding the solution (for .tools/ and the default data directory); found upward from the binaries when null.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>Set by <see cref="Testing.DistributedApplicationTestingBuilder"/>: Run() returns at once and leaves starting to the test.</summary>
    public bool IsTesting { get; internal set; }
}
