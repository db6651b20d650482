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
    /// SIGINT, which every process we run takes as "shut down now, cleanly": .NET's host stops gracefully, PostgreSQL
    /// does a fast shutdown (its SIGTERM would wait for every pooled client to disconnect), Redis saves and exits.
    /// A process already gone is fine.
    /// </summary>
    public static void Interrupt(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        })!;
        kill.WaitForExit();
    }
}
