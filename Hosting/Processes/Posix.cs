using System.Runtime.InteropServices;

namespace WhatsAppGenesys.Hosting.Processes;

// The few libc calls .NET does not expose: Process.Kill only knows SIGKILL, and we want a graceful SIGTERM/SIGINT first
// and signals to whole process groups (negative pid) so grandchildren (postgres backends, Erlang helpers) go too.
internal static partial class Posix
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint SysGetEuid();

    /// <summary>Sends <paramref name="signal"/>; a negative pid addresses the process group. False if nothing received it.</summary>
    public static bool Kill(int pid, int signal) => SysKill(pid, signal) == 0;

    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && SysGetEuid() == 0;
}
