using System.Diagnostics;

namespace WhatsAppGenesys.AppHost.LocalServers;

internal static class Posix
{
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>True when every folder from the root down to <paramref name="path"/> may be entered by any user.</summary>
    public static bool IsReachableByEveryone(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if (directory.Exists && !directory.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when the process has exited and waits for its parent to reap it (state Z in /proc).</summary>
    public static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S …": the state follows the command name, which may itself contain spaces or parentheses.
            var state = stat.LastIndexOf(')') + 2;
            return state < stat.Length && stat[state] == 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Runs a short command to completion; its output goes into the exception when it fails.</summary>
    public static async Task RunAsync(string file, IEnumerable<string> args, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
