using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Xunit.v3;

[assembly: WhatsAppGenesys.IntegrationTests.HangWatchdogAttribute]

namespace WhatsAppGenesys.IntegrationTests;

/// <summary>
/// Follows every test's start and end for the <see cref="HangWatchdog"/>. Applied to the assembly, so no test can
/// forget it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HangWatchdogAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => HangWatchdog.Started(test.TestDisplayName);

    public override void After(MethodInfo methodUnderTest, IXunitTest test) => HangWatchdog.Finished(test.TestDisplayName);
}

/// <summary>
/// Turns a hung run into a short, readable failure. CI gives the whole run a time limit, and `dotnet test` prints
/// nothing of a test assembly until it ends: a test, or the fixture's start or stop, that waits forever would use the
/// whole limit up and leave a log that names nothing. When one test has run for <see cref="TestLimit"/>, or no test
/// has been running for <see cref="IdleLimit"/> (a hung fixture start or stop, or a process that will not exit), the
/// watchdog prints the tests in progress, the last ones finished and the process tree, then ends the test process;
/// `dotnet test` reports that as a crash and shows what was printed.
/// </summary>
public static class HangWatchdog
{
    /// <summary>The slowest tests (bursts, failovers) take about four minutes on two cores.</summary>
    private static readonly TimeSpan TestLimit = TimeSpan.FromMinutes(12);

    /// <summary>The fixture starts in about two minutes, and each resource gets three before it fails on its own.</summary>
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(8);

    private static readonly ConcurrentDictionary<string, DateTime> Running = new();
    private static readonly ConcurrentQueue<string> RecentlyFinished = new();
    private static DateTime _lastActivity = DateTime.UtcNow;
    private static Timer? _timer;

    /// <summary>Starts watching; the fixture calls it first thing, so a hang while the system boots is caught too.</summary>
    public static void Start()
    {
        _lastActivity = DateTime.UtcNow;
        _timer ??= new Timer(_ => Check(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    internal static void Started(string test)
    {
        Running[test] = DateTime.UtcNow;
        _lastActivity = DateTime.UtcNow;
    }

    internal static void Finished(string test)
    {
        Running.TryRemove(test, out _);
        _lastActivity = DateTime.UtcNow;
        RecentlyFinished.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {test}");
        while (RecentlyFinished.Count > 10)
        {
            RecentlyFinished.TryDequeue(out _);
        }
    }

    private static void Check()
    {
        var now = DateTime.UtcNow;
        var overdue = Running.Where(t => now - t.Value > TestLimit).Select(t => t.Key).ToList();
        if (overdue.Count > 0)
        {
            Abort($"{string.Join(", ", overdue)} ran for more than {TestLimit.TotalMinutes} minutes.");
        }
        else if (Running.IsEmpty && now - _lastActivity > IdleLimit)
        {
            Abort($"no test started or finished for {IdleLimit.TotalMinutes} minutes (a fixture starting or stopping, or a process that does not exit).");
        }
    }

    private static void Abort(string reason)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Hang watchdog: {reason}");
        report.AppendLine("Tests in progress:");
        foreach (var (test, since) in Running)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {test} (since {since:HH:mm:ss} UTC)");
        }
        report.AppendLine("Last tests finished:");
        foreach (var test in RecentlyFinished)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {test}");
        }
        report.AppendLine("Processes:");
        report.AppendLine(ProcessTree());
        System.Console.Error.WriteLine(report);
        Environment.FailFast("Hang watchdog: " + reason);
    }

    private static string ProcessTree()
    {
        try
        {
            using var ps = Process.Start(new ProcessStartInfo("ps", "-N --ppid 2 -p 2 -o pid,ppid,stat,etime,pcpu,args --forest --width 220") // no kernel threads
            {
                RedirectStandardOutput = true,
            })!;
            var output = ps.StandardOutput.ReadToEnd();
            ps.WaitForExit(10_000);
            return output;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "(ps failed: " + e.Message + ")";
        }
    }
}
