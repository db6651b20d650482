using System.Globalization;
using System.Text;
using WhatsAppGenesys.Benchmarks.Scenarios;

namespace WhatsAppGenesys.Benchmarks.Reporting;

/// <summary>
/// Renders a run as Markdown: the results table, the machine, and per process the resident memory at the end and the
/// CPU each message cost. The same text goes to the console and, between two markers, into docs/benchmarks.md, so
/// the hand-written analysis around it survives the next run.
/// </summary>
public static class MarkdownReport
{
    public const string BeginMarker = "<!-- benchmark-results:begin (written by `dotnet run --project Benchmarks -c Release`) -->";
    public const string EndMarker = "<!-- benchmark-results:end -->";

    /// <summary>Services (our .NET processes, not servers or simulators) may not exceed this at the end of the run.</summary>
    public const long ServiceMemoryFloorBytes = 250L * 1024 * 1024;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchmarkReport report)
    {
        var md = new StringBuilder();
        var o = report.Options;
        var m = report.Machine;
        md.AppendLine(Invariant, $"Run of {m.Date:yyyy-MM-dd HH:mm} UTC on {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB:0.0} GiB, {m.OperatingSystem} (kernel {m.Kernel}), {m.DotNet}; " +
            $"{report.BuildConfiguration} build; {o.DurationSeconds} s per measurement; load average {report.LoadBefore} before, {report.LoadAfter} after; " +
            $"PostgreSQL {(o.FastUnsafeStorage ? "without fsync (--fast-storage)" : "with fsync")}; took {report.Took.TotalMinutes:0.0} min.");
        md.AppendLine();
        md.AppendLine("| Measurement | Offered load | Sustained | Worst 1 s | p50 | p95 | p99 | max | Lost | Dup. | Errors | Floor | Meets |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var r in report.Results)
        {
            if (r.Pending)
            {
                md.AppendLine(Invariant, $"| {r.Name} | — | — | — | — | — | — | — | — | — | — | {r.Floor} | {r.Notes} |");
                continue;
            }
            var l = r.Latency;
            md.AppendLine(Invariant, $"| {r.Name} | {r.Load} | {r.Rate:N0}/s | {Opt(r.WorstSecond)} | {Ms(l?.P50)} | {Ms(l?.P95)} | {Ms(l?.P99)} | {Ms(l?.Max)} | " +
                $"{Opt(r.Lost)} | {Opt(r.Duplicates)} | {r.Errors:N0} | {r.Floor} | {Verdict(r.MeetsFloor)} |");
        }
        if (report.EndOfRun is { } end)
        {
            var services = end.Processes.Values.Where(p => !p.IsServer && p.Label != "load-generator" && !p.Label.Contains("sandbox", StringComparison.Ordinal)).ToList();
            if (report.EndOfReplicaRun is { } replicaEnd)
            {
                services.AddRange(replicaEnd.Processes.Values.Where(p => p.Label.StartsWith(ServiceNamesInbound, StringComparison.Ordinal)));
            }
            if (services.Count > 0)
            {
                var largest = services.MaxBy(p => p.ResidentBytes)!;
                md.AppendLine(Invariant, $"| Largest service RSS at the end | — | {Mb(largest.ResidentBytes)} ({largest.Label}) | | | | | | | | | ≤ 250 MB | {Verdict(largest.ResidentBytes <= ServiceMemoryFloorBytes)} |");
            }
        }
        md.AppendLine();
        md.AppendLine("Sustained = completions ÷ (last completion − first send). Latency: webhook and lookups from request start to response; " +
            "inbound from our POST to the Meta sandbox to the Genesys sandbox's `receivedAt`; outbound from our agent POST to the Meta sandbox's `acceptedAt`. " +
            "Lost/Dup. reconcile every message id sent (warm-up included) against what the receiving simulator recorded.");
        foreach (var r in report.Results.Where(r => !string.IsNullOrEmpty(r.Notes) && !r.Pending))
        {
            md.AppendLine(Invariant, $"- {r.Name}: {r.Notes}.");
        }
        foreach (var note in report.Notes)
        {
            md.AppendLine(Invariant, $"- {note}");
        }

        RenderProcesses(md, report);
        md.AppendLine();
        md.AppendLine("Limits raised for the run (environment given by the AppHost), so that the pipeline and not a provider quota is measured:");
        foreach (var (resource, variable, value, why) in RunningSystem.LimitOverrides)
        {
            md.AppendLine(Invariant, $"- `{variable}={value}` ({(resource == "*" ? "every service" : resource)}): {why}.");
        }
        foreach (var (variable, value) in o.Environment)
        {
            md.AppendLine(Invariant, $"- `{variable}={value}` (every service): given with --env for this run.");
        }
        return md.ToString();
    }

    private const string ServiceNamesInbound = "inbound-transformer";

    private static void RenderProcesses(StringBuilder md, BenchmarkReport report)
    {
        var measured = report.Results.Where(r => r.Cpu is not null && r.Completed > 0).ToList();
        if (report.EndOfRun is null && measured.Count == 0)
        {
            return;
        }
        md.AppendLine();
        md.AppendLine("CPU milliseconds per message (or request) by process over each measurement (utime + stime from /proc, warm-up excluded; " +
            "the idle column is each process's CPU per second while nothing was sent, read once the start-up has settled), and resident memory at the end of the run:");
        md.AppendLine();
        var idle = report.Idle;
        var header = new StringBuilder("| Process | RSS at end | of which own (RssAnon) | Idle (CPU ms/s) |");
        var rule = new StringBuilder("|---|--:|--:|--:|");
        foreach (var r in measured)
        {
            header.Append(Invariant, $" {ShortName(r.Name)} |");
            rule.Append("--:|");
        }
        md.AppendLine(header.ToString());
        md.AppendLine(rule.ToString());

        var labels = measured.SelectMany(r => r.Cpu!.PerProcess.Keys)
            .Concat(report.EndOfRun?.Processes.Keys ?? [])
            .Distinct()
            .OrderByDescending(label => measured.Sum(r => r.Cpu!.PerProcess.GetValueOrDefault(label) / r.Completed))
            .ToList();
        foreach (var label in labels)
        {
            var rss = report.EndOfRun?.Processes.GetValueOrDefault(label) ?? report.EndOfReplicaRun?.Processes.GetValueOrDefault(label);
            var idleMs = idle is not null && idle.PerProcess.TryGetValue(label, out var idleSeconds)
                ? string.Create(Invariant, $"{idleSeconds * 1000 / idle.Elapsed.TotalSeconds:0.0}") : "—";
            var row = new StringBuilder(string.Create(Invariant,
                $"| {label}{(rss is { IsServer: true, ProcessCount: > 1 } ? $" ({rss.ProcessCount} processes)" : "")} | {(rss is null ? "—" : Mb(rss.ResidentBytes))} | {(rss?.AnonymousBytes is { } anon ? Mb(anon) : "—")} | {idleMs} |"));
            foreach (var r in measured)
            {
                row.Append(r.Cpu!.PerProcess.TryGetValue(label, out var seconds) ? string.Create(Invariant, $" {seconds * 1000 / r.Completed:0.00} |") : " — |");
            }
            md.AppendLine(row.ToString());
        }
        foreach (var (group, belongs) in Groups)
        {
            var groupIdle = idle is null ? "" : string.Create(Invariant,
                $"*{idle.PerProcess.Where(p => belongs(p.Key, report)).Sum(p => p.Value) * 1000 / idle.Elapsed.TotalSeconds:0.0}*");
            var row = new StringBuilder(string.Create(Invariant, $"| *{group}* | | | {groupIdle} |"));
            foreach (var r in measured)
            {
                var seconds = r.Cpu!.PerProcess.Where(p => belongs(p.Key, report)).Sum(p => p.Value);
                row.Append(Invariant, $" *{seconds * 1000 / r.Completed:0.00}* |");
            }
            md.AppendLine(row.ToString());
        }
        var total = new StringBuilder("| **all of the above** | | | |");
        var background = new StringBuilder("| of which idle background | | | |");
        var others = new StringBuilder("| other work on the machine | | | |");
        var cores = new StringBuilder("| cores busy (ours + other) | | | |");
        foreach (var r in measured)
        {
            // What the processes would have burnt anyway in that time, at the idle rate measured before the load.
            background.Append(idle is null ? " — |" : string.Create(Invariant, $" {idle.Ours / idle.Elapsed.TotalSeconds * r.Cpu!.Elapsed.TotalSeconds * 1000 / r.Completed:0.00} |"));
            total.Append(Invariant, $" **{r.Cpu!.Ours * 1000 / r.Completed:0.00}** |");
            others.Append(Invariant, $" {r.Cpu.Others * 1000 / r.Completed:0.00} |");
            cores.Append(Invariant, $" {r.Cpu.Ours / r.Cpu.Elapsed.TotalSeconds:0.00} + {r.Cpu.Others / r.Cpu.Elapsed.TotalSeconds:0.00} |");
        }
        md.AppendLine(total.ToString());
        md.AppendLine(background.ToString());
        md.AppendLine(others.ToString());
        md.AppendLine(cores.ToString());
        md.AppendLine();
        md.AppendLine("RSS is VmRSS for each service process; servers are whole process trees (PostgreSQL's backends, RabbitMQ's Erlang VM and helpers) " +
            "whose memory is the sum of PSS, so shared memory is counted once. The replica run's processes are listed from its own end when the main run has no such process. " +
            "\"Other work on the machine\" is CPU the box spent outside this run's processes (other jobs sharing it) in the same interval.");
    }

    /// <summary>Subtotals: what production would run (services, servers) apart from what only the benchmark runs.</summary>
    private static readonly (string Name, Func<string, BenchmarkReport, bool> Belongs)[] Groups =
    [
        ("our services", (label, report) => !IsServer(label, report) && !IsHarness(label) && !IsAspire(label)),
        ("servers (PostgreSQL, Redis, RabbitMQ, S3)", (label, report) => IsServer(label, report) && !IsAspire(label)),
        ("Aspire (DCP, dashboard, dotnet run launchers)", (label, _) => IsAspire(label)),
        ("simulators and load generator", (label, _) => IsHarness(label)),
    ];

    /// <summary>The orchestration ./run.sh adds around the system (a deployment has its own: Kubernetes, Container Apps).</summary>
    private static bool IsAspire(string label) => label is "dcp" or "aspire-dashboard" or "dotnet-run";

    private static bool IsHarness(string label) => label.Contains("sandbox", StringComparison.Ordinal) || label == "load-generator";

    private static bool IsServer(string label, BenchmarkReport report) =>
        (report.EndOfRun?.Processes.GetValueOrDefault(label) ?? report.EndOfReplicaRun?.Processes.GetValueOrDefault(label))?.IsServer
        ?? label is "postgres" or "redis" or "rabbitmq" or "minio";

    private static string ShortName(string name) => name
        .Replace("(signed, archived, broker-confirmed)", "", StringComparison.Ordinal)
        .Replace("end to end", "e2e", StringComparison.Ordinal)
        .Trim();

    private static string Ms(double? value) =>
        value is not { } v || double.IsNaN(v) ? "—" : v >= 100 ? string.Create(Invariant, $"{v:N0} ms") : string.Create(Invariant, $"{v:0.0} ms");

    private static string Opt(long? value) => value is { } v ? v.ToString("N0", Invariant) : "—";

    private static string Opt(int? value) => value is { } v ? v.ToString("N0", Invariant) : "—";

    private static string Mb(long bytes) => string.Create(Invariant, $"{bytes / 1024.0 / 1024.0:0} MB");

    private static string Verdict(bool? meets) => meets switch { true => "yes", false => "**no**", null => "" };

    /// <summary>Puts <paramref name="results"/> between the markers of <paramref name="document"/>, or makes a new document around it.</summary>
    public static string Merge(string? document, string results)
    {
        var block = $"{BeginMarker}\n{results.TrimEnd()}\n{EndMarker}";
        if (document is not null)
        {
            var begin = document.IndexOf(BeginMarker, StringComparison.Ordinal);
            var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
            if (begin >= 0 && end > begin)
            {
                return document[..begin] + block + document[(end + EndMarker.Length)..];
            }
        }
        return $"# Benchmarks\n\n{block}\n";
    }
}
