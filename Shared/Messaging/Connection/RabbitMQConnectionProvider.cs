using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WhatsAppGenesys.Messaging.Connection;

/// <summary>
/// Owns the process's single AMQP connection. It is opened in the background when the host starts and retried for as
/// long as the broker is unreachable, so a service starts before RabbitMQ and connects when it comes up. The durable
/// topology is declared on it before anyone gets it; after that the client library recovers connection and topology
/// after an outage by itself.
/// </summary>
public sealed class RabbitMQConnectionProvider(IConnectionFactory factory, RabbitMQNodes nodes, IServiceProvider services, ILogger<RabbitMQConnectionProvider> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IConnection? _connection;

    /// <summary>The connection once it has been opened (it may be recovering from an outage right now), else null.</summary>
    public IConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>The connection, waiting for as long as it takes to open it.</summary>
    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (Connection is { } existing)
        {
            return existing;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Connection is { } raced)
            {
                return raced;
            }
            var delay = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                try
                {
                    // With a cluster's nodes, the client picks one that answers, and recovery later picks again.
                    var connection = nodes.IsCluster
                        ? await factory.CreateConnectionAsync(nodes.Endpoints, cancellationToken)
                        : await factory.CreateConnectionAsync(cancellationToken);
                    await DeclareTopologyAsync(connection, cancellationToken);
                    Volatile.Write(ref _connection, connection);
                    return connection;
                }
                catch (BrokerUnreachableException ex)
                {
                    logger.LogWarning("RabbitMQ unreachable ({Reason}); retrying in {Delay} ms", ex.InnerException?.Message ?? ex.Message, delay.TotalMilliseconds);
                    await Task.Delay(delay, cancellationToken);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: start-up goes on without the broker, and readiness (/health) tells when it is connected.
        _ = ConnectAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    private async Task ConnectAsync()
    {
        try
        {
            await GetConnectionAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Not a network problem (a topology declaration the broker refused, say): the next user tries again.
            logger.LogError(ex, "Could not open the RabbitMQ connection");
        }
    }

    private async Task DeclareTopologyAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var topology = services.GetServices<RabbitMQTopology>().ToList();
        if (topology.Count == 0)
        {
            return;
        }
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var part in topology)
            {
                await part.Declare(channel, cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may have disposed it already, as the IConnection it handed out; a second dispose does nothing
        // (closing it would throw). The consumers closed their channels when they stopped.
        if (Connection is { } connection)
        {
            await connection.DisposeAsync();
        }
        _stopping.Dispose();
        _gate.Dispose();
    }
}
