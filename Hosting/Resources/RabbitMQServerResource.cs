using System.Globalization;
using RabbitMQ.Client;
using WhatsAppGenesys.Hosting.Processes;

namespace WhatsAppGenesys.Hosting;

/// <summary>
/// A RabbitMQ 3.10 node with its own name, ports, directories and Erlang port mapper (epmd), so it neither needs nor
/// disturbs a system-wide broker. The consistent-hash exchange plugin is enabled (per-customer ordering).
/// </summary>
public sealed class RabbitMQServerResource(string name, int? port) : ServerResource(name, port)
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public override string Kind => "RabbitMQ";

    /// <summary>Our own epmd. Erlang would otherwise start (or join) a daemonized epmd on 4369 that outlives us.</summary>
    public int EpmdPort { get; private set; }

    /// <summary>The Erlang distribution port (rabbitmqctl talks to the node through it).</summary>
    public int DistributionPort { get; private set; }

    /// <summary>Unique per port, so two applications (or a test run next to a dev run) never share a node.</summary>
    public string NodeName => $"wag-{Port}@localhost";

    private protected override string BuildConnectionString(int port) => $"amqp://guest:guest@127.0.0.1:{port}";

    private protected override void OnInitialized()
    {
        EpmdPort = Context.Ports.GetFreePort();
        DistributionPort = Context.Ports.GetFreePort();
    }

    private protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ServerScript))
        {
            throw new DistributedApplicationException($"{ServerScript} was not found. Install the 'rabbitmq-server' package (scripts/install-prerequisites.sh does it).");
        }

        foreach (var dir in new[] { "mnesia", "log", "home" })
        {
            Directory.CreateDirectory(Path.Combine(DataDirectory, dir));
        }
        // Guest may connect from loopback only (the broker's default), which is all we listen on.
        File.WriteAllText(Path.Combine(DataDirectory, "rabbitmq.conf"), """
            loopback_users.guest = true
            log.console = true
            log.console.level = warning
            """);
        File.WriteAllText(Path.Combine(DataDirectory, "enabled_plugins"), "[rabbitmq_consistent_hash_exchange].\n");
        // Replaces /etc/rabbitmq/rabbitmq-env.conf, which belongs to the system-wide broker.
        File.WriteAllText(Path.Combine(DataDirectory, "rabbitmq-env.conf"), "");
        return Task.CompletedTask;
    }

    private protected override IEnumerable<ProcessSpec> GetProcessSpecs()
    {
        var epmdEnvironment = new Dictionary<string, string?> { ["ERL_EPMD_ADDRESS"] = "127.0.0.1" };
        // Run in the foreground (no -daemon) so it is our child, stopped and accounted for like any other process.
        yield return new ProcessSpec($"{Name}.epmd", Command.RequireOnPath("epmd", "erlang-base"),
            ["-port", Invariant(EpmdPort), "-address", "127.0.0.1"], DataDirectory, epmdEnvironment,
            StopTimeout: TimeSpan.FromSeconds(5), ListeningPort: EpmdPort);

        string Dir(string name) => Path.Combine(DataDirectory, name);
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Dir("home"), // the Erlang cookie lives here
            ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Invariant(Port!.Value),
            ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
            ["RABBITMQ_MNESIA_BASE"] = Dir("mnesia"),
            ["RABBITMQ_LOG_BASE"] = Dir("log"),
            ["RABBITMQ_LOGS"] = "-", // to stdout, so it is prefixed and kept like every other resource's output
            ["RABBITMQ_CONFIG_FILE"] = Dir("rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Dir("advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Dir("enabled_plugins"),
            ["RABBITMQ_CONF_ENV_FILE"] = Dir("rabbitmq-env.conf"),
            // -start_epmd false: never spawn a daemon epmd behind our back. Distribution only on loopback.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}",
        };
        // The script traps SIGTERM and stops the Erlang node gracefully.
        yield return new ProcessSpec(Name, ServerScript, [], DataDirectory, environment, StopTimeout: TimeSpan.FromSeconds(30));
    }

    // An AMQP connection (not only an open port): the broker accepts TCP before it can serve clients.
    internal override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(ConnectionString!),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "apphost-health",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await connection.CloseAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

public static class RabbitMQBuilderExtensions
{
    /// <summary>A RabbitMQ node; its connection string is <c>amqp://guest:guest@127.0.0.1:&lt;port&gt;</c>.</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new RabbitMQServerResource(name, port));
}
