using System.Globalization;
using RabbitMQ.Client;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// A RabbitMQ node from Debian's package with its own node name, ports, directories and Erlang port mapper (epmd), so
/// it neither needs nor disturbs a system-wide broker. The consistent-hash exchange plugin is enabled (it spreads
/// customers over partitions while keeping each customer's order).
/// </summary>
public sealed class LocalRabbitMQResource(string name, string workingDirectory, int port)
    : LocalServerResource(name, ServerScript, workingDirectory, port)
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>Unique per port, so two applications (a test run next to ./run.sh) never share a node.</summary>
    public string NodeName => $"wag-{Port}@localhost";

    public override ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    // An AMQP connection, not only an open port: the broker accepts TCP before it can serve clients.
    public override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri($"amqp://guest:guest@127.0.0.1:{Port}"),
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
}

/// <summary>The node's own Erlang port mapper; Erlang would otherwise start a daemon on 4369 that outlives us.</summary>
public sealed class LocalEpmdResource(string name, string workingDirectory) : ExecutableResource(name, "epmd", workingDirectory);

public static class LocalRabbitMQBuilderExtensions
{
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name, int port)
    {
        if (!File.Exists(LocalRabbitMQResource.ServerScript))
        {
            throw new DistributedApplicationException(
                $"{LocalRabbitMQResource.ServerScript} was not found. Install the 'rabbitmq-server' package (scripts/install-prerequisites.sh does it).");
        }
        var directory = builder.DataDirectoryOf(name);
        string Dir(string child) => Directory.CreateDirectory(Path.Combine(directory, child)).FullName;
        // Guest may connect from loopback only (the broker's default), which is all we listen on.
        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), """
            loopback_users.guest = true
            log.console = true
            log.console.level = warning
            """);
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[rabbitmq_consistent_hash_exchange].\n");
        // Replaces /etc/rabbitmq/rabbitmq-env.conf, which belongs to the system-wide broker.
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), "");

        var epmdPort = Invariant(LocalPorts.GetFreePort());
        var epmd = builder.AddResource(new LocalEpmdResource($"{name}-epmd", directory))
            .WithArgs("-port", epmdPort, "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .ExcludeFromManifest();

        var server = new LocalRabbitMQResource(name, directory, port);
        return builder.AddLocalServer(server)
            .WaitFor(epmd)
            .WithEnvironment("HOME", Dir("home")) // the Erlang cookie lives here
            .WithEnvironment("ERL_EPMD_PORT", epmdPort)
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODENAME", server.NodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", Invariant(port))
            .WithEnvironment("RABBITMQ_DIST_PORT", Invariant(LocalPorts.GetFreePort()))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Dir("mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Dir("log"))
            .WithEnvironment("RABBITMQ_LOGS", "-") // to stdout: the dashboard's console log shows it
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(directory, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(directory, "advanced.config"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(directory, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(directory, "rabbitmq-env.conf"))
            // -start_epmd false: never spawn a daemon epmd behind our back. Distribution only on loopback.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
