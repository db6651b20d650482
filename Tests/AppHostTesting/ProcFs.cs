using System.Globalization;

namespace WhatsAppGenesys.AppHostTesting;

// Reads /proc: which processes make up a resource (its process tree), when a pid was started (so a recycled pid is
// never mistaken for ours) and how much memory it uses.
public static class ProcFs
{
    /// <summary>
    /// The live process <paramref name="rootPid"/> (if any) and everything that descends from it: its children, theirs,
    /// and the members of any process group they lead. Groups matter because a child is re-parented to init when its
    /// parent dies (Erlang's helpers after the rabbitmq script), and parent links matter because some children leave
    /// the group (every PostgreSQL backend calls setsid()).
    /// </summary>
    public static IReadOnlyCollection<int> ProcessTree(int rootPid)
    {
        var processes = AllPids()
            .Select(pid => (Pid: pid, Stat: ReadStat(pid)))
            .Where(p => p.Stat is { State: not 'Z' })
            .ToList();
        var tree = new HashSet<int>();
        var roots = new HashSet<int> { rootPid };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, stat) in processes)
            {
                if (!tree.Contains(pid) && (pid == rootPid || roots.Contains(stat!.ParentPid) || roots.Contains(stat.ProcessGroup)))
                {
                    tree.Add(pid);
                    roots.Add(pid);
                    grew = true;
                }
            }
        }
        while (grew);
        return tree;
    }

    /// <summary>
    /// The process that does the work: <paramref name="pid"/> itself, or, when it is a <c>dotnet run</c> launcher (how
    /// DCP starts a project), the application it runs as its child.
    /// </summary>
    public static int ServiceProcess(int pid)
    {
        string[] commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return pid;
        }
        if (commandLine.Length < 2 || Path.GetFileName(commandLine[0]) != "dotnet" || commandLine[1] != "run")
        {
            return pid;
        }
        var child = AllPids().FirstOrDefault(p => ReadStat(p) is { State: not 'Z' } stat && stat.ParentPid == pid);
        return child == 0 ? pid : child;
    }

    /// <summary>The parent of a live process, or null.</summary>
    public static int? ParentOf(int pid) => ReadStat(pid)?.ParentPid;

    /// <summary>Every process id on the machine now.</summary>
    public static IReadOnlyList<int> AllProcessIds() => AllPids().ToList();

    /// <summary>A process's command line, its arguments separated by spaces, or "" when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The file name of the program a process runs (the first word of its command line), or "".</summary>
    public static string ExecutableName(int pid)
    {
        try
        {
            return Path.GetFileName(File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0]);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Live processes whose executable file is named <paramref name="name"/> (e.g. every DCP process).</summary>
    public static IReadOnlyList<int> ProcessesNamed(string name) =>
        AllPids().Where(pid => ExecutableName(pid) == name && IsAlive(pid)).ToList();

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
