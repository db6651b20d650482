using System.Globalization;

namespace WhatsAppGenesys.Hosting.Processes;

// Records every process the app starts (pid + start time) under the data directory, so that a run that was killed
// before it could clean up (SIGKILL, power loss, a crashed test host) has its leftovers removed by the next run of the
// same data directory instead of holding the ports and data files. The start time makes a recycled pid harmless.
internal sealed class PidFile(string path)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (long StartTime, string Name)> _entries = [];

    public void Add(int pid, string name)
    {
        lock (_gate)
        {
            _entries[pid] = (ProcFs.StartTime(pid) ?? 0, name);
            Save();
        }
    }

    public void Remove(int pid)
    {
        lock (_gate)
        {
            if (_entries.Remove(pid))
            {
                Save();
            }
        }
    }

    /// <summary>Kills (SIGKILL, whole process group) whatever a previous run recorded and is still alive.</summary>
    public IReadOnlyList<string> KillLeftovers()
    {
        var killed = new List<string>();
        if (!File.Exists(path))
        {
            return killed;
        }

        var leaders = new List<int>();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length != 3
                || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTime))
            {
                continue;
            }

            if (ProcFs.StartTime(pid) == startTime)
            {
                leaders.Add(pid);
                killed.Add($"{parts[2]} (pid {pid})");
            }
        }

        // Each recorded process leads its own group; its tree holds its children (postgres backends, Erlang helpers).
        foreach (var pid in leaders)
        {
            ProcessGroup.Kill(pid, TimeSpan.FromSeconds(5), ProcFs.ProcessTree(pid));
        }
        File.Delete(path);
        return killed;
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (_entries.Count == 0)
        {
            File.Delete(path);
            return;
        }
        File.WriteAllLines(path, _entries.Select(e => $"{e.Key} {e.Value.StartTime} {e.Value.Name}"));
    }
}
