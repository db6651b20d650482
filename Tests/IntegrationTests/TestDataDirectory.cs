using Aspire.Hosting.Testing;

namespace WhatsAppGenesys.IntegrationTests;

/// <summary>A throwaway AppHost data directory everyone may enter (PostgreSQL runs as the postgres user under root).</summary>
public sealed class TestDataDirectory : IDisposable
{
    private static readonly UnixFileMode Mode = (UnixFileMode)Convert.ToInt32("755", 8);

    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wag-test-data-{Guid.NewGuid():N}"), Mode).FullName;

    /// <summary>An empty application of our own with this data directory and the repository's tools.</summary>
    public IDistributedApplicationTestingBuilder CreateBuilder(params string[] configuration) =>
        DistributedApplicationTestingBuilder.Create(
        [
            $"AppHost:DataDirectory={Path}",
            $"AppHost:ToolsDirectory={System.IO.Path.Combine(RepositoryRoot, ".tools")}",
            "AppHost:FastUnsafeStorage=true",
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            .. configuration,
        ], (options, _) => options.DisableDashboard = true);

    public void Clear()
    {
        Directory.Delete(Path, recursive: true);
        Directory.CreateDirectory(Path, Mode);
    }

    /// <summary>
    /// Deletes the directory, waiting up to 30 s for servers that are still shutting down to stop writing into it (a
    /// test that failed may leave before its processes are gone; its own failure is what it should report, not this).
    /// </summary>
    public void Dispose()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    // Projects.AppHost.ProjectPath is the AppHost's folder, which lies in the repository's root.
    private static string RepositoryRoot => System.IO.Path.GetDirectoryName(Projects.AppHost.ProjectPath.TrimEnd('/'))!;
}
