using System.Diagnostics;

namespace WhatsAppGenesys.Hosting.Processes;

// One-shot tools (initdb, chown, install) whose output only matters when they fail.
internal static class Command
{
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new DistributedApplicationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"{fileName} {string.Join(' ', startInfo.ArgumentList)} failed with exit code {process.ExitCode}:{Environment.NewLine}" +
                $"{await output}{await error}".Trim());
        }
    }

    /// <summary>Full path of <paramref name="fileName"/> found on PATH, or null.</summary>
    public static string? FindOnPath(string fileName) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(File.Exists);

    public static string RequireOnPath(string fileName, string package) =>
        FindOnPath(fileName) ?? throw new DistributedApplicationException(
            $"'{fileName}' was not found on PATH. Install {package} (scripts/install-prerequisites.sh does it).");
}
