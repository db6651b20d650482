using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Hosting.Orchestration;
using WhatsAppGenesys.Hosting.Testing;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// The running application: every resource of the model as local processes. <c>Run()</c> starts it, prints where
/// everything is and stops it on Ctrl+C/SIGTERM; tests use <c>StartAsync()</c>/<c>DisposeAsync()</c> and the
/// runtime controls in DistributedApplication.Control.cs.
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable, IDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly Lock _gate = new();
    private Orchestrator? _orchestrator;
    private CancellationTokenSource? _startup;
    private Task _starting = Task.CompletedTask;
    private bool _disposed;

    internal DistributedApplication(DistributedApplicationBuilder builder) => _builder = builder;

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        TestingHook.CreateBuilder(options) ?? new DistributedApplicationBuilder(options);

    public IConfiguration Configuration => _builder.Configuration;

    public DistributedApplicationOptions Options => _builder.Options;

    public IReadOnlyList<IResource> Resources => _builder.Resources;

    /// <summary>Starts every resource and returns once all are healthy; on failure stops what it started and throws.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_orchestrator is not null)
            {
                throw new InvalidOperationException("The application has already been started.");
            }
            _orchestrator = new Orchestrator(_builder.ResourceModel, RunContext.Create(_builder));
            _startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _starting = StartCoreAsync(_orchestrator, _startup.Token);
            return _starting;
        }
    }

    private async Task StartCoreAsync(Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var context = orchestrator.Context;
        foreach (var leftover in context.PidFile.KillLeftovers())
        {
            context.Console.WriteLine("apphost", $"killed {leftover}, left over from a previous run that did not stop cleanly");
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var resource in orchestrator.Resources)
            {
                resource.Initialize(context);
            }
            await orchestrator.StartAllAsync(cancellationToken);
        }
        catch
        {
            await orchestrator.StopAllAsync();
            throw;
        }

        context.Console.WriteLine("apphost", $"{orchestrator.Resources.Count} resources started in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var line in ResourceTable.Format(orchestrator.Resources))
        {
            context.Console.WriteLine("apphost", line);
        }
    }

    /// <summary>Stops every resource in reverse dependency order. Safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Orchestrator? orchestrator;
        lock (_gate)
        {
            orchestrator = _orchestrator;
            _startup?.Cancel();
        }
        if (orchestrator is null)
        {
            return;
        }

        try
        {
            await _starting.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed or cancelled start has already stopped what it started.
        }
        await orchestrator.StopAllAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Runs until Ctrl+C or SIGTERM (a second one kills everything at once). Returns at once in tests.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Options.IsTesting)
        {
            return; // the test calls StartAsync itself, after it has had a chance to adjust the model
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = 0;
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true; // we stop in order ourselves
            if (Interlocked.Increment(ref signals) > 1)
            {
                _orchestrator?.KillAllNow();
                Environment.Exit(130);
            }
            shutdown.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        try
        {
            await StartAsync(shutdown.Token);
            Console.WriteLine("Press Ctrl+C to stop.");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }
        catch (DistributedApplicationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            Console.WriteLine("Stopping...");
            await DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }

        await StopAsync();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_orchestrator is { } orchestrator)
        {
            if (Options.DeleteDataDirectoryOnDispose)
            {
                DeleteData(orchestrator);
            }
            orchestrator.Context.Dispose();
        }
        _startup?.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void DeleteData(Orchestrator orchestrator)
    {
        try
        {
            foreach (var resource in orchestrator.Resources)
            {
                resource.DeleteExternalData();
            }
            Directory.Delete(orchestrator.Context.DataRoot, recursive: true);
        }
        catch (IOException ex)
        {
            orchestrator.Context.Console.WriteLine("apphost", $"could not delete data: {ex.Message}", isError: true);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => _orchestrator?.KillAllNow();
}
