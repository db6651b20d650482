using System.Diagnostics;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.UnitTests.Hosting;

public sealed class PidFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pidfile-test-{Guid.NewGuid():N}", "apphost.pids");
    private readonly List<Process> _started = [];

    [Fact]
    public void NextRunKillsWhatACrashedRunLeftBehind()
    {
        var leftover = StartSleeper();
        new PidFile(_path).Add(leftover.Id, "redis");

        // The crashed run never cleaned up; the next run of the same data directory reads its pid file.
        var killed = new PidFile(_path).KillLeftovers();

        Assert.Equal([$"redis (pid {leftover.Id})"], killed);
        Assert.True(leftover.WaitForExit(5000), "the leftover process is gone");
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public void ARecycledPidIsNotKilled()
    {
        var bystander = StartSleeper();
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        // Same pid, different start time: not the process the previous run started.
        File.WriteAllLines(_path, [$"{bystander.Id} 1 redis"]);

        var killed = new PidFile(_path).KillLeftovers();

        Assert.Empty(killed);
        Assert.False(bystander.HasExited);
    }

    private Process StartSleeper()
    {
        var process = Process.Start(new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false })!;
        _started.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            process.Dispose();
        }
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
