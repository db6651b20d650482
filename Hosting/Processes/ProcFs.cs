using System.Globalization;

namespace WhatsAppGenesys.Hosting.Processes;

// Reads /proc: which processes belong to a process group (every resource process leads its own group, see
// ManagedProcess), when a pid was started (so a recycled pid is never mistaken for ours) and how much memory it uses.
public static class ProcFs
{
    /// <summary>Live (non-zombie) processes whose process group is <paramref name="processGroupId"/>.</summary>
    public static IReadOnlyList<int> GroupMembers(int processGroupId)
    {
        var members = new List<int>();
        foreach (var pid in AllPids())
        {
            if (ReadStat(pid) is { } stat && stat.ProcessGroup == processGroupId && stat.State != 'Z')
            {
                members.Add(pid);
            }
        }
        return members;
    }

    /// <summary>Clock ticks since boot at which the process started, or null if it does not exist.</summary>
    public static long? StartTime(int pid) => ReadStat(pid)?.StartTime;

    public static bool IsAlive(int pid) => ReadStat(pid) is { State: not 'Z' };

    /// <summary>Resident set size in bytes (VmRSS), or 0 if the process is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    private static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private sealed record Stat(char State, int ParentPid, int ProcessGroup, long StartTime);

    private static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        // The command name (field 2) may contain spaces and parentheses; everything after the last ')' is fixed.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new Stat(
            State: fields[0][0],
            ParentPid: int.Parse(fields[1], CultureInfo.InvariantCulture),
            ProcessGroup: int.Parse(fields[2], CultureInfo.InvariantCulture),
            StartTime: long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
