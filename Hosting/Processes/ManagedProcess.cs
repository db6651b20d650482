using System.ComponentModel;
using System.Diagnostics;

namespace WhatsAppGenesys.Hosting.Processes;

// The process supervisor: starts one resource process, streams its output into the resource's log, notices when it
// dies on its own, and stops it politely (the spec's stop signal) before forcing it (SIGKILL to the whole group).
internal sealed class ManagedProcess
{
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    private readonly ProcessSpec _spec;
    private readonly Process _process;
    private readonly PidFile _pidFile;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;

    private ManagedProcess(ProcessSpec spec, Process process, PidFile pidFile)
    {
        _spec = spec;
        _process = process;
        _pidFile = pidFile;
    }

    public int Pid { get; private set; }

    public string DisplayName => _spec.DisplayName;

    public bool IsRunning => !_exited.Task.IsCompleted;

    /// <summary>Completes with the exit code once the process has exited, for whatever reason.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>True when the process ended without being asked to (a crash, or killed from outside).</summary>
    public bool ExitedUnexpectedly => _exited.Task.IsCompleted && !_stopping;

    public static ManagedProcess Start(ProcessSpec spec, ResourceLog log, PidFile pidFile, Action<ManagedProcess>? onUnexpectedExit = null)
    {
        // setsid makes the process the leader of a new session and process group, so that one signal reaches everything
        // it spawns and a Ctrl+C in the AppHost's terminal does not hit every resource at once (we stop them in order).
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory,
        };
        startInfo.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(spec, process, pidFile);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Write(spec.DisplayName, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Write(spec.DisplayName, e.Data, isError: true); };
        process.Exited += (_, _) => managed.OnExited(log, onUnexpectedExit);

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DistributedApplicationException($"Could not start '{spec.DisplayName}' ({spec.FileName}): {ex.Message}", ex);
        }

        managed.Pid = process.Id;
        pidFile.Add(managed.Pid, spec.DisplayName);
        // Nothing reads our stdin: give the child an immediate end-of-file rather than the AppHost's terminal.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Asks the process to stop, kills its group if it does not, and returns once nothing of it is left.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        // Known now, while children are still linked to their parents (they are re-parented once it exits).
        var tree = ProcFs.ProcessTree(Pid);
        if (IsRunning)
        {
            Posix.Kill(Pid, _spec.StopSignal);
            var timeout = _spec.StopTimeout ?? DefaultStopTimeout;
            if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
            {
                await ProcessGroup.KillAsync(Pid, TimeSpan.FromSeconds(10), tree);
                await _exited.Task;
            }
        }
        await CleanUpAsync(tree);
    }

    /// <summary>SIGKILL to the whole group at once, as a crash would; for fault-injection tests.</summary>
    public async Task KillAsync()
    {
        _stopping = true;
        var tree = ProcFs.ProcessTree(Pid);
        await ProcessGroup.KillAsync(Pid, TimeSpan.FromSeconds(10), tree);
        await _exited.Task;
        await CleanUpAsync(tree);
    }

    /// <summary>Last resort when the AppHost itself is exiting: no waiting, no politeness.</summary>
    public void KillNow()
    {
        _stopping = true;
        ProcessGroup.Kill(Pid, TimeSpan.FromSeconds(2), ProcFs.ProcessTree(Pid));
        _pidFile.Remove(Pid);
    }

    private async Task CleanUpAsync(IReadOnlyCollection<int> tree)
    {
        // The leader is gone; children that outlived it (Erlang's helpers, a postgres backend) would keep ports open.
        await ProcessGroup.KillAsync(Pid, TimeSpan.FromSeconds(10), tree);
        _pidFile.Remove(Pid);
        _process.Dispose();
    }

    private void OnExited(ResourceLog log, Action<ManagedProcess>? onUnexpectedExit)
    {
        var code = _process.ExitCode;
        _exited.TrySetResult(code);
        if (!_stopping)
        {
            log.Write(_spec.DisplayName, $"exited unexpectedly with code {code}", isError: true);
            onUnexpectedExit?.Invoke(this);
        }
    }
}
