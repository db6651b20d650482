using System.Diagnostics;
using WhatsAppGenesys.AppHost.LocalServers;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// <c>rabbitmqctl</c> against one of the AppHost's local nodes: what the AMQP protocol cannot tell (a quorum queue's
/// members). It needs the node's Erlang cookie and port mapper, so it runs with the node's own environment.
/// </summary>
internal static class RabbitMQCtl
{
    private const string Script = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    /// <summary>
    /// rabbitmqctl waits forever by default, and a listing on a cluster that just lost a node can do exactly that; the
    /// command gets its own timeout and the process is killed if it outlives it.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(RunningApp app, LocalRabbitMQResource node, IEnumerable<string> arguments)
    {
        var environment = ProcessEnvironment.Read(app.GetProcessIds(node.Name)[0]);
        var start = new ProcessStartInfo(Script, ["-n", node.NodeName, "--timeout", "45", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "HOME", "ERL_EPMD_PORT", "ERL_EPMD_ADDRESS", "RABBITMQ_CONF_ENV_FILE" })
        {
            start.Environment[name] = environment[name];
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rabbitmqctl {string.Join(' ', arguments)} did not answer within {Timeout.TotalSeconds} s.");
        }
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }
}
