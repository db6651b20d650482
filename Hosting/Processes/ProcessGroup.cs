namespace WhatsAppGenesys.Hosting.Processes;

// Every resource process is started as the leader of its own process group (ManagedProcess runs it through setsid), so
// one signal reaches what it spawns; ProcFs.ProcessTree adds the children that left the group. Killing "a resource"
// means SIGKILL to all of that until nothing is left: no orphan keeps a port, a data directory or shared memory.
internal static class ProcessGroup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>SIGKILLs the leader's tree (plus <paramref name="alsoKill"/>, known before it changed) until it is gone.</summary>
    public static bool Kill(int leaderPid, TimeSpan timeout, IReadOnlyCollection<int>? alsoKill = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (SendKill(leaderPid, alsoKill))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            Thread.Sleep(PollInterval);
        }
        return true;
    }

    public static async Task<bool> KillAsync(int leaderPid, TimeSpan timeout, IReadOnlyCollection<int>? alsoKill = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (SendKill(leaderPid, alsoKill))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval);
        }
        return true;
    }

    /// <summary>SIGKILL to whatever is still alive; false when nothing was.</summary>
    private static bool SendKill(int leaderPid, IReadOnlyCollection<int>? alsoKill)
    {
        var alive = ProcFs.ProcessTree(leaderPid)
            .Concat((alsoKill ?? []).Where(ProcFs.IsAlive))
            .Distinct()
            .ToList();
        Posix.Kill(-leaderPid, Posix.SIGKILL);
        foreach (var pid in alive)
        {
            Posix.Kill(pid, Posix.SIGKILL);
        }
        return alive.Count > 0;
    }
}
