namespace WhatsAppGenesys.Hosting.Processes;

// Every resource process is started as the leader of its own process group (ManagedProcess runs it through setsid),
// so "the process and everything it spawned" is simply "the group", even after the leader itself has exited.
internal static class ProcessGroup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>SIGKILLs the group until no member is left; false if some survive <paramref name="timeout"/>.</summary>
    public static bool Kill(int leaderPid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsPopulated(leaderPid))
        {
            SendKill(leaderPid);
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            Thread.Sleep(PollInterval);
        }
        return true;
    }

    public static async Task<bool> KillAsync(int leaderPid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsPopulated(leaderPid))
        {
            SendKill(leaderPid);
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval);
        }
        return true;
    }

    public static bool IsPopulated(int leaderPid) => ProcFs.IsAlive(leaderPid) || ProcFs.GroupMembers(leaderPid).Count > 0;

    private static void SendKill(int leaderPid)
    {
        Posix.Kill(-leaderPid, Posix.SIGKILL);
        Posix.Kill(leaderPid, Posix.SIGKILL);
    }
}
