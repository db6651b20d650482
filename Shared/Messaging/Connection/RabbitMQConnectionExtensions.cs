using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The process's connection to RabbitMQ: Aspire's RabbitMQ client integration (connection factory, the
/// <c>RabbitMQ.Client</c> health check, the client library's publish and deliver spans), plus what the pipelines need
/// and the integration does not do.
/// </summary>
public static class RabbitMQConnectionExtensions
{
    private const string Format = "amqp://user:password@host:port[/vhost], or several such URIs separated by commas for a cluster";

    /// <summary>
    /// Registers Aspire's client for <c>ConnectionStrings:{connectionName}</c>, a connection that is opened in the
    /// background and retried for as long as the broker is unreachable (<see cref="RabbitMQConnectionProvider"/>),
    /// and publishing with broker confirms (<see cref="ConfirmedPublisher"/>).
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMQConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        // Aspire's integration reads the string only when the first connection is made, and without one it would
        // quietly try localhost: check it now, so that a mistake stops start-up with one line naming the resource.
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format, IsAmqpUris);
        RabbitMQNodes.TryParse(connectionString, out var nodes);

        var clientName = builder.Environment.ApplicationName;
        builder.AddRabbitMQClient(
            connectionName,
            // Aspire's own connection gives up after a few attempts and blocks the thread that asked for it meanwhile;
            // the connection is the provider's to open instead.
            settings =>
            {
                settings.DisableAutoActivation = true;
                // The integration takes one URI; a cluster's other nodes are the provider's to try (RabbitMQNodes).
                settings.ConnectionString = nodes.Primary.OriginalString;
            },
            factory =>
            {
                factory.ClientProvidedName = clientName;
                // After an outage the library brings back the connection, its channels, consumers and declared
                // topology by itself, trying every second.
                factory.AutomaticRecoveryEnabled = true;
                factory.TopologyRecoveryEnabled = true;
                // Except a parking queue's reader lock (an exclusive queue): it died with the old connection, and
                // declaring it again would hold the lock for a reader that is gone, shutting every other reader out.
                factory.TopologyRecoveryFilter = new TopologyRecoveryFilter
                {
                    QueueFilter = queue => !queue.Name.EndsWith(ParkingQueueLock.LockQueueSuffix, StringComparison.Ordinal),
                };
                factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(1);
                // A broker that disappears without closing the socket is noticed within seconds, not minutes.
                factory.RequestedHeartbeat = TimeSpan.FromSeconds(10);
                // One delivery of a channel at a time: PartitionConsumer's ordering and hold loading rely on it.
                factory.ConsumerDispatchConcurrency = 1;
            });

        builder.Services.TryAddSingleton(nodes);
        builder.Services.TryAddSingleton<RabbitMQConnectionProvider>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RabbitMQConnectionProvider>());
        // IConnection, which Aspire's health check probes, is the provider's connection: until it has been opened,
        // resolving it fails at once and the check reports Unhealthy instead of waiting for the broker.
        builder.Services.Replace(ServiceDescriptor.Singleton<IConnection>(sp =>
            sp.GetRequiredService<RabbitMQConnectionProvider>().Connection
            ?? throw new InvalidOperationException("Not connected to RabbitMQ yet; the connection is being retried.")));
        builder.Services.TryAddSingleton<ConfirmedPublisher>();
        return builder;
    }

    private static bool IsAmqpUris(string connectionString) => RabbitMQNodes.TryParse(connectionString, out _);

    /// <summary>Adds a piece of durable topology (exchanges, queues, bindings) declared on the connection before first use.</summary>
    internal static IHostApplicationBuilder AddRabbitMQTopology(this IHostApplicationBuilder builder, Func<IChannel, CancellationToken, Task> declare)
    {
        builder.Services.AddSingleton(new RabbitMQTopology(declare));
        return builder;
    }
}
