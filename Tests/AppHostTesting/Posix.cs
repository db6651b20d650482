using System.Diagnostics;

namespace WhatsAppGenesys.AppHostTesting;

internal static class Posix
{
    /// <summary>SIGKILL (what Process.Kill sends on Linux), as a crash: no chance to clean up. A process already gone is fine.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // It exited between the listing and the kill.
        }
    }

    /// <summary>
    /// SIGTERM, what an orchestrator sends to stop a process: .NET's host stops gracefully, Redis saves and exits,
    /// RabbitMQ stops its node, and PostgreSQL's launcher turns it into a fast shutdown. A process already gone is fine.
    /// </summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        kill.WaitForExit();
    }
}
