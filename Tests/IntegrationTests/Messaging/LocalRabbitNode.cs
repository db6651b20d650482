using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// A RabbitMQ node of the test's own (own ports, directories, Erlang port mapper) that the test may stop and start
/// without disturbing the shared broker every other test uses. Data survives a stop, like a real broker restart.
/// </summary>
internal sealed class LocalRabbitNode : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"msg-rabbit-{Guid.NewGuid():N}");
    private readonly int _epmdPort = FreePort();
    private readonly int _distPort = FreePort();
    private readonly string _nodeName;
    private Process? _epmd;
    private Process? _server;

    public LocalRabbitNode()
    {
        AmqpPort = FreePort();
        _nodeName = $"msgtest{AmqpPort}@localhost";
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        Directory.CreateDirectory(Path.Combine(_root, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_root, "log"));
        File.WriteAllText(Path.Combine(_root, "enabled_plugins"), "[rabbitmq_consistent_hash_exchange].");
    }

    public int AmqpPort { get; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";

    public async Task StartAsync(TimeSpan timeout)
    {
        _epmd ??= Start("/usr/bin/epmd", $"-port {_epmdPort}");
        _server = Start("/usr/lib/rabbitmq/bin/rabbitmq-server", "");
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && _server is { HasExited: false })
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the node the way an operator would (<c>rabbitmqctl stop</c>) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        using (var ctl = Start("/usr/lib/rabbitmq/bin/rabbitmqctl", $"-n {_nodeName} stop"))
        {
            await ctl.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        _server.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception)
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
            }
        }
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill();
            await _epmd.WaitForExitAsync();
        }
        _epmd?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Process Start(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["RABBITMQ_NODENAME"] = _nodeName;
        info.Environment["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins");
        info.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["HOME"] = Path.Combine(_root, "home");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
