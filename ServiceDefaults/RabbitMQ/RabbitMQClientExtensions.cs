using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using WhatsAppGenesys.ServiceDefaults.Configuration;
using WhatsAppGenesys.ServiceDefaults.RabbitMQ;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Aspire.RabbitMQ.Client integration, on RabbitMQ.Client 7 itself.</summary>
public static class RabbitMQClientExtensions
{
    private const string Format = "amqp://user:password@host:port[/vhost]";

    /// <summary>
    /// Registers a singleton <see cref="IConnection"/> (auto-recovering, connected lazily with retries), the durable
    /// topology declared once per connection, a publisher-confirm <see cref="ConfirmedPublisher"/>, and a health check.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMQClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }

        var factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = builder.Environment.ApplicationName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            ConsumerDispatchConcurrency = 1,
        };

        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<RabbitMQConnectionProvider>();
        builder.Services.AddSingleton<IConnection>(sp => sp.GetRequiredService<RabbitMQConnectionProvider>().GetConnection());
        builder.Services.AddSingleton<ConfirmedPublisher>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new RabbitMQHealthCheck(sp.GetRequiredService<RabbitMQConnectionProvider>()),
            HealthStatus.Unhealthy,
            ["ready", "rabbitmq"],
            TimeSpan.FromSeconds(3)));
        return builder;
    }

    /// <summary>Adds a piece of durable topology (exchanges, queues, bindings) declared once per connection before first use.</summary>
    public static IHostApplicationBuilder AddRabbitMQTopology(this IHostApplicationBuilder builder, Func<IChannel, CancellationToken, Task> declare)
    {
        builder.Services.AddSingleton(new RabbitMQTopology(declare));
        return builder;
    }

    private sealed class RabbitMQHealthCheck(RabbitMQConnectionProvider provider) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // The connection opens on first use; readiness must not wait for a first message, so the probe opens it
                // (bounded by the check's timeout). After an outage the existing connection recovers by itself.
                var connection = provider.TryGetOpenConnection() ?? await provider.GetConnectionAsync(cancellationToken);
                return connection.IsOpen
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("No open connection to RabbitMQ (recovering)");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("No open connection to RabbitMQ", ex);
            }
        }
    }
}
