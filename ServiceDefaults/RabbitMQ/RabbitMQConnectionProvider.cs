using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WhatsAppGenesys.ServiceDefaults.RabbitMQ;

/// <summary>
/// Owns the process's single AMQP connection. It is opened on first use (retrying while the broker is unreachable, so
/// a service can start before RabbitMQ) and the client library recovers it, with its topology, after an outage.
/// </summary>
public sealed class RabbitMQConnectionProvider(ConnectionFactory factory, IServiceProvider services, ILogger<RabbitMQConnectionProvider> logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public IConnection GetConnection() => GetConnectionAsync(CancellationToken.None).GetAwaiter().GetResult();

    public IConnection? TryGetOpenConnection() => _connection is { IsOpen: true } open ? open : null;

    public async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } raced)
            {
                return raced;
            }
            var delay = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                try
                {
                    var connection = await factory.CreateConnectionAsync(cancellationToken);
                    await DeclareTopologyAsync(connection, cancellationToken);
                    _connection = connection;
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

    private async Task DeclareTopologyAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var topology = services.GetServices<RabbitMQTopology>().ToList();
        if (topology.Count == 0)
        {
            return;
        }
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var part in topology)
        {
            await part.Declare(channel, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            connection.Dispose();
        }
        _gate.Dispose();
    }
}
