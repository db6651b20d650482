using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting.Orchestration;

/// <summary>What resources need while the application runs: where data lives, ports, the pid file, the console.</summary>
internal sealed class RunContext : IDisposable
{
    public required DistributedApplicationOptions Options { get; init; }

    public required IConfiguration Configuration { get; init; }

    public required string DataRoot { get; init; }

    public required string RepositoryRoot { get; init; }

    public required PortAllocator Ports { get; init; }

    public required PidFile PidFile { get; init; }

    public required ResourceConsole Console { get; init; }

    /// <summary>For health probes: short timeouts, no connection reuse so a restarted server is seen at once.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    public ResourceLog CreateLog(string resourceName) => new(resourceName, Console);

    public int AllocatePort(int? requested, string owner) =>
        Options.RandomizePorts || requested is null ? Ports.GetFreePort() : Ports.Reserve(requested.Value, owner);

    public void Dispose() => Http.Dispose();

    public static RunContext Create(DistributedApplicationBuilder builder)
    {
        var options = builder.Options;
        var configuration = builder.Configuration;
        // AppHost:RandomizePorts=true runs a second copy next to one that holds the model's ports.
        options.RandomizePorts |= configuration.GetValue("AppHost:RandomizePorts", false);
        var repositoryRoot = options.RepositoryRoot ?? FindRepositoryRoot();
        var dataRoot = Path.GetFullPath(options.DataDirectory
            ?? configuration["AppHost:DataDirectory"]
            ?? Path.Combine(repositoryRoot, ".apphost", "data"));
        Directory.CreateDirectory(dataRoot);

        return new RunContext
        {
            Options = options,
            Configuration = configuration,
            DataRoot = dataRoot,
            RepositoryRoot = repositoryRoot,
            Ports = new PortAllocator(),
            PidFile = new PidFile(Path.Combine(dataRoot, "apphost.pids")),
            Console = new ResourceConsole(options.ShowResourceOutput
                ?? configuration.GetValue<bool?>("AppHost:ShowResourceOutput")
                ?? !options.IsTesting),
        };
    }

    // The directory with the solution file, upward from the binaries (AppHost/bin/..., Tests/X/bin/...), else the
    // current directory: where .tools/ and the default .apphost/ live.
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (dir.EnumerateFiles("*.sln").Any() || dir.EnumerateFiles("*.slnx").Any())
                {
                    return dir.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
