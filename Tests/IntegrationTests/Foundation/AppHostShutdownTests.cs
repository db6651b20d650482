using System.Diagnostics;
using System.Globalization;

namespace WhatsAppGenesys.IntegrationTests.Foundation;

/// <summary>
/// The AppHost as a user runs it (its own process, dashboard on): SIGTERM to its process group, what Ctrl+C in a
/// terminal amounts to, stops DCP and every process it started, and frees every port. Runs alone (it counts the
/// machine's processes and listening ports).
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class AppHostShutdownTests
{
    [Fact]
    public async Task SigtermToTheProcessGroupLeavesNoProcessAndNoListeningPort()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TestDataDirectory();

        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var appHost = Path.Combine(Projects.AppHost.ProjectPath, "bin", configuration, "net10.0", "WhatsAppGenesys.AppHost.dll");
        // setsid: the AppHost leads a process group of its own, as in a terminal.
        var start = new ProcessStartInfo("setsid",
            ["dotnet", appHost, $"--AppHost:DataDirectory={data.Path}", "--AppHost:FastUnsafeStorage=true", "--DcpPublisher:RandomizePorts=true"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
        };
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}";
        using var process = Process.Start(start)!;
        var output = new OutputLog(process);

        // The AppHost's processes: its own tree, and DCP's (DCP detaches from the AppHost and watches it by pid).
        IReadOnlyCollection<int> Ours() =>
        [
            .. ProcFs.ProcessTree(process.Id),
            .. ProcFs.AllProcessIds()
                .Where(pid => ProcFs.ExecutableName(pid) == "dcp" && ProcFs.CommandLine(pid).Contains($"--monitor {process.Id}", StringComparison.Ordinal))
                .SelectMany(ProcFs.ProcessTree),
        ];

        IReadOnlyCollection<int> ours;
        IReadOnlySet<(int Port, long Inode)> ourSockets;
        try
        {
            // The line comes once Aspire has created every resource (AfterResourcesCreatedEvent). Beside the test
            // fixture's application, on two busy cores, that took over four minutes in three full runs in a row.
            await Eventually.TrueAsync(() => output.Contains("WhatsAppGenesys is starting") || process.HasExited, TimeSpan.FromMinutes(8),
                () => $"the AppHost did not start:{Environment.NewLine}{output}");
            Assert.False(process.HasExited, output.ToString());
            Assert.Contains("Login to the dashboard at", output.ToString(), StringComparison.Ordinal);
            // Every service up: the admin dashboard starts last (it waits for the gateway, which waits for every service).
            await Eventually.TrueAsync(() => Ours().Count(pid => ProcFs.ExecutableName(pid).StartsWith("WhatsAppGenesys.", StringComparison.Ordinal)) >= 14
                    && Ours().Any(pid => ProcFs.ExecutableName(pid) == "WhatsAppGenesys.AdminDashboard"),
                TimeSpan.FromMinutes(4), () => $"not every service started:{Environment.NewLine}{output}");
            ours = Ours();
            ourSockets = ListeningPorts.SocketsOwnedBy(ours);
            Assert.Contains(ours, pid => ProcFs.ExecutableName(pid) == "dcp");
            Assert.Contains(ours, pid => ProcFs.ExecutableName(pid) == "postgres");
            Assert.NotEmpty(ourSockets);
        }
        finally
        {
            // Ctrl+C in a terminal signals the whole foreground process group; SIGTERM is its non-interactive twin.
            Process.Start("kill", ["-TERM", "--", $"-{process.Id.ToString(CultureInfo.InvariantCulture)}"])!.WaitForExit();
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        }

        await Eventually.TrueAsync(() => ours.All(pid => !ProcFs.IsAlive(pid)), TimeSpan.FromSeconds(90),
            () => $"left running: {string.Join(", ", ours.Where(ProcFs.IsAlive).Select(pid => $"{pid} {ProcFs.ExecutableName(pid)}"))}");
        // Our sockets, by inode: on a busy machine another program may listen on one of the freed ports a moment later.
        await Eventually.TrueAsync(() => !ListeningPorts.Sockets().Intersect(ourSockets).Any(), TimeSpan.FromSeconds(30),
            () => $"still listening: {string.Join(", ", ListeningPorts.Sockets().Intersect(ourSockets).Select(s => s.Port))}");
    }

    private static int FreePort() => WhatsAppGenesys.AppHost.Infrastructure.LocalPorts.GetFreePort();

    /// <summary>Collects a process's output as it comes, so a test can wait for a line and show it all on failure.</summary>
    private sealed class OutputLog
    {
        private readonly System.Text.StringBuilder _text = new();

        public OutputLog(Process process)
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool Contains(string text)
        {
            lock (_text)
            {
                return _text.ToString().Contains(text, StringComparison.Ordinal);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }

        private void Append(string? line)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
