using WhatsAppGenesys.Benchmarks.Reporting;

// The benchmark runs the system's Debian-packaged servers as local processes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace WhatsAppGenesys.Benchmarks;

// Not top-level statements: the AppHost this project references has the global Program.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{BenchmarkOptions.Usage}");
            return 2;
        }

        // Bounded: a stuck phase ends the run instead of holding the machine.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30 + options.DurationSeconds / 2.0));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var report = await new BenchmarkRun(options, Log).RunAsync(cancellation.Token);
        var results = MarkdownReport.Render(report);
        Console.WriteLine();
        Console.WriteLine(results);

        if (options.OutputPath is { } output)
        {
            var path = Path.Combine(RepositoryRoot(), output);
            var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : null;
            await File.WriteAllTextAsync(path, MarkdownReport.Merge(existing, results));
            Log($"written to {path}");
        }
        return 0;
    }

    private static void Log(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WhatsAppGenesys.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
