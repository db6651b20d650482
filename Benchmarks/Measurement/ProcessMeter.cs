using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using WhatsAppGenesys.AppHostTesting;

namespace WhatsAppGenesys.Benchmarks.Measurement;

/// <summary>
/// CPU time and resident memory of every process of the running app, read from /proc: a project replica is one
/// process ("tenant-service#1", VmRSS); a server (PostgreSQL, RabbitMQ, ...) is its whole process tree (summed PSS). Snapshots taken
/// before and after a measurement give each process's CPU seconds for it, and the machine's total busy time shows
/// how much went to processes that are not ours (the load generator is reported as "load-generator"). Aspire's own
/// processes have rows too: "dcp" (its API server, controllers and one monitor per resource), the dashboard
/// ("aspire-dashboard", a resource of the model) and "dotnet-run" (the launcher DCP runs each service under).
/// </summary>
public static class ProcessMeter
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on every Linux build .NET supports

    public static ProcessSnapshot Snapshot(RunningApp app)
    {
        var processes = new Dictionary<string, ProcessSample>(StringComparer.Ordinal);
        var launchers = new List<int>();
        foreach (var resource in app.Resources)
        {
            var pids = SafeProcessIds(app, resource.Name);
            if (pids.Count == 0)
            {
                continue;
            }
            if (resource is ProjectResource)
            {
                launchers.AddRange(pids.Select(ProcFs.ParentOf).OfType<int>());
                for (var i = 0; i < pids.Count; i++)
                {
                    var label = pids.Count == 1 ? resource.Name : $"{resource.Name}#{i}";
                    processes[label] = Sample(label, [pids[i]], isServer: false);
                }
            }
            else
            {
                var tree = pids.SelectMany(ProcFs.ProcessTree).Distinct().ToList();
                processes[resource.Name] = Sample(resource.Name, tree, isServer: true);
            }
        }
        processes["load-generator"] = Sample("load-generator", [Environment.ProcessId], isServer: false);
        processes["dcp"] = Sample("dcp", ProcFs.ProcessesNamed("dcp"), isServer: true);
        processes["dotnet-run"] = Sample("dotnet-run", launchers, isServer: true);
        return new ProcessSnapshot(DateTime.UtcNow, processes, MachineBusySeconds());
    }

    private static IReadOnlyList<int> SafeProcessIds(RunningApp app, string name)
    {
        try
        {
            return app.GetProcessIds(name);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }

    // A server's processes share memory (PostgreSQL's shared buffers, Erlang's code), so their VmRSS would count it once
    // per process: for a tree the proportional set size (PSS) is the honest sum.
    private static ProcessSample Sample(string label, IReadOnlyCollection<int> pids, bool isServer) =>
        new(label, isServer, pids.Sum(pid => CpuSeconds(pid, includeEndedChildren: isServer)), isServer ? pids.Sum(ProportionalBytes) : pids.Sum(ProcFs.ResidentBytes), pids.Count,
            isServer ? null : pids.Sum(pid => StatusBytes(pid, "RssAnon:")));

    /// <summary>A size line of /proc/&lt;pid&gt;/status (e.g. RssAnon: the heap and JIT-compiled code, not the mapped assemblies).</summary>
    public static long StatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return 0;
    }

    /// <summary>Pss of /proc/&lt;pid&gt;/smaps_rollup in bytes, or VmRSS when that is not readable.</summary>
    public static long ProportionalBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line["Pss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return ProcFs.ResidentBytes(pid);
    }

    /// <summary>
    /// utime + stime of one process (fields 14 and 15 of /proc/&lt;pid&gt;/stat), or 0 when it is gone. With
    /// <paramref name="includeEndedChildren"/> also cutime + cstime (16 and 17): the CPU of children that ended and were
    /// waited for. A server's tree changes during a measurement (PostgreSQL ends a backend when its connection
    /// closes), and without them a backend that ended would take its CPU out of the "after" sum.
    /// </summary>
    public static double CpuSeconds(int pid, bool includeEndedChildren = false)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (includeEndedChildren)
            {
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            return ticks / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Busy CPU seconds of the whole machine since boot (all cores, everything but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal ...
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);
        return busy / TicksPerSecond;
    }
}

/// <param name="AnonymousBytes">RssAnon of a service process (its own memory, without the shared mapped runtime files).</param>
public sealed record ProcessSample(string Label, bool IsServer, double CpuSeconds, long ResidentBytes, int ProcessCount, long? AnonymousBytes);

public sealed record ProcessSnapshot(DateTime TakenUtc, IReadOnlyDictionary<string, ProcessSample> Processes, double MachineBusySeconds)
{
    /// <summary>CPU seconds each process spent between <paramref name="before"/> and this snapshot.</summary>
    public CpuUsage Since(ProcessSnapshot before)
    {
        var perProcess = Processes.Values
            .Select(p => (p.Label, Seconds: Math.Max(0, p.CpuSeconds - (before.Processes.TryGetValue(p.Label, out var b) ? b.CpuSeconds : 0))))
            .ToDictionary(p => p.Label, p => p.Seconds, StringComparer.Ordinal);
        var ours = perProcess.Values.Sum();
        var machine = MachineBusySeconds - before.MachineBusySeconds;
        return new CpuUsage(TakenUtc - before.TakenUtc, perProcess, ours, Math.Max(0, machine - ours));
    }
}

/// <param name="Others">Busy CPU seconds of the machine spent outside the app and the load generator (other work on the box).</param>
public sealed record CpuUsage(TimeSpan Elapsed, IReadOnlyDictionary<string, double> PerProcess, double Ours, double Others);
