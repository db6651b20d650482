using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;
using WhatsAppGenesys.AppHost.Infrastructure;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// A RabbitMQ node from Debian's package with its own node name, ports, directories and Erlang port mapper (epmd), so
/// it neither needs nor disturbs a system-wide broker. The consistent-hash exchange plugin is enabled (it spreads
/// customers over partitions while keeping each customer's order).
/// </summary>
public sealed class LocalRabbitMQResource(string name, string workingDirectory, int port, IReadOnlyList<int>? clusterPorts = null)
    : LocalServerResource(name, ServerScript, workingDirectory, port)
{
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string UpgradeScript = "/usr/lib/rabbitmq/bin/rabbitmq-upgrade";

    /// <summary>Unique per port, so two applications (a test run next to ./run.sh) never share a node.</summary>
    public string NodeName => $"wag-{Port}@localhost";

    /// <summary>
    /// One AMQP URI, or for the node that stands for a cluster one per node, comma-separated: the services' connection
    /// opens on any node that is up and recovers onto another (docs/messaging.md, "Queue types").
    /// </summary>
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{string.Join(",", (clusterPorts ?? [Port]).Select(p => $"amqp://guest:guest@127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))}");

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
    /// <summary>
    /// One node, or with <paramref name="nodes"/> &gt; 1 a cluster of that many on consecutive ports. A cluster forms
    /// the same way every time: the first node (<c>{name}-1</c>) starts alone, each next one waits for the one before
    /// and joins the first on its first boot, and the last one is <paramref name="name"/> itself, whose connection string
    /// names every node. So whatever waits for <paramref name="name"/> starts once the whole cluster serves clients,
    /// and quorum queues declared then get a replica on every node.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name, int port, int nodes = 1)
    {
        if (!File.Exists(LocalRabbitMQResource.ServerScript))
        {
            throw new DistributedApplicationException(
                $"{LocalRabbitMQResource.ServerScript} was not found. Install the 'rabbitmq-server' package (scripts/install-prerequisites.sh does it).");
        }
        if (nodes < 1)
        {
            throw new DistributedApplicationException($"AppHost:RabbitMQ:Nodes must be at least 1 (was {nodes}).");
        }

        // All nodes register with one Erlang port mapper of our own; Erlang would otherwise start a daemon on 4369
        // that outlives us.
        var epmdPort = Invariant(LocalPorts.GetFreePort());
        var epmd = builder.AddResource(new LocalEpmdResource($"{name}-epmd", builder.DataDirectoryOf(name)))
            .WithArgs("-port", epmdPort, "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .ExcludeFromManifest();

        var names = Enumerable.Range(1, nodes).Select(k => k == nodes ? name : $"{name}-{k}").ToList();
        var ports = Enumerable.Range(1, nodes).Select(k => k == nodes ? port : LocalPorts.Choose(builder, port + k)).ToList();
        var cookie = nodes > 1 ? ErlangCookie.For(builder.DataDirectoryOf(name)) : null;
        string? seed = null;
        IResourceBuilder<LocalRabbitMQResource>? previous = null;
        for (var i = 0; i < nodes; i++)
        {
            // A cluster's nodes keep their data apart from a single node's, so switching between the two never
            // finds a standalone node's data where a cluster member should be (or queues of the other type).
            var directory = builder.DataDirectoryOf(nodes > 1 ? $"{name}-{i + 1}" : name);
            var node = new LocalRabbitMQResource(names[i], directory, ports[i], i == nodes - 1 && nodes > 1 ? ports : null);
            var added = builder.AddNode(node, epmdPort, seed, cookie);
            _ = previous is null ? added.WaitFor(epmd) : added.WaitFor(previous);
            seed ??= node.NodeName;
            previous = added;
        }
        return previous!;
    }

    private static IResourceBuilder<LocalRabbitMQResource> AddNode(this IDistributedApplicationBuilder builder,
        LocalRabbitMQResource node, string epmdPort, string? seed, string? cookie)
    {
        var directory = node.WorkingDirectory;
        string Dir(string child) => Directory.CreateDirectory(Path.Combine(directory, child)).FullName;
        var home = Dir("home"); // the Erlang cookie lives here
        if (cookie is not null)
        {
            ErlangCookie.WriteTo(home, cookie);
        }
        // Guest may connect from loopback only (the broker's default), which is all we listen on.
        var config = """
            loopback_users.guest = true
            log.console = true
            log.console.level = warning

            """;
        if (cookie is not null)
        {
            // A minority side of a split stops serving rather than diverge; it resumes when it sees the majority again.
            config += "cluster_partition_handling = pause_minority\n";
        }
        if (seed is not null)
        {
            // Read on this node's first boot only: it joins the first node's cluster (later boots remember the cluster).
            config += $"cluster_formation.peer_discovery_backend = classic_config\ncluster_formation.classic_config.nodes.1 = {seed}\n";
        }
        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"), config);
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[rabbitmq_consistent_hash_exchange].\n");
        // Replaces /etc/rabbitmq/rabbitmq-env.conf, which belongs to the system-wide broker.
        File.WriteAllText(Path.Combine(directory, "rabbitmq-env.conf"), "");

        var added = builder.AddLocalServer(node);
        if (cookie is not null)
        {
            added.WithDrainCommand(node, new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["ERL_EPMD_PORT"] = epmdPort,
                ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
                ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            });
        }
        return added
            .WithEnvironment("HOME", home)
            .WithEnvironment("ERL_EPMD_PORT", epmdPort)
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODENAME", node.NodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", Invariant(node.Port))
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

    /// <summary>
    /// A "Drain" button on a cluster node in the dashboard (<c>rabbitmq-upgrade drain</c>): the node closes its client
    /// connections, which recover onto the other nodes, then hands its queue leaders over. A planned stop of a cluster
    /// node must come after it: on the broker version we run, a node stopped without a drain lost messages
    /// (docs/messaging.md, "Losing a node").
    /// </summary>
    private static void WithDrainCommand(this IResourceBuilder<LocalRabbitMQResource> node, LocalRabbitMQResource resource,
        Dictionary<string, string> environment) =>
        node.WithCommand(DrainCommand, "Drain", async context =>
        {
            var start = new ProcessStartInfo(LocalRabbitMQResource.UpgradeScript, ["-n", resource.NodeName, "drain"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(context.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(context.CancellationToken);
            await process.WaitForExitAsync(context.CancellationToken);
            return process.ExitCode == 0
                ? CommandResults.Success()
                : CommandResults.Failure($"rabbitmq-upgrade drain exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }, new CommandOptions
        {
            Description = "Move clients and queue leaders to the other nodes before this one is stopped",
            IconName = "ArrowExportLtr",
            ConfirmationMessage = $"Drain {resource.Name}? Its clients move to the other nodes; it stays out of service until restarted.",
            UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });

    /// <summary>The name of a cluster node's drain command (<see cref="WithDrainCommand"/>).</summary>
    public const string DrainCommand = "drain";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
