using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace WhatsAppGenesys.Messaging.Connection;

/// <summary>
/// Owns the process's single AMQP connection. It is opened in the background when the host starts and retried for as
/// long as the broker is unreachable, so a service starts before RabbitMQ and connects when it comes up. The durable
/// topology is declared on it before anyone gets it; after that the client library recovers connection and topology
/// after an outage by itself. Every channel of the process is opened through <see cref="CreateChannelAsync"/>, which
/// keeps out of that recovery's way.
/// </summary>
public sealed class RabbitMQConnectionProvider(IConnectionFactory factory, RabbitMQNodes nodes, IServiceProvider services, ILogger<RabbitMQConnectionProvider> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How long opening a channel waits for the client library to finish recovering the connection.</summary>
    public static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IConnection? _connection;
    // Completed while no recovery is under way; a fresh one from the moment the connection is lost until the client
    // library reports its recovery done (connection, channels and consumers).
    private TaskCompletionSource _recovered = Recovered();

    /// <summary>The connection once it has been opened (it may be recovering from an outage right now), else null.</summary>
    public IConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Whether the client library is recovering the connection after an outage (its channels included).</summary>
    public bool IsRecovering => !Volatile.Read(ref _recovered).Task.IsCompleted;

    /// <summary>
    /// A new channel. The client library recovers an outage in two steps: it opens a new connection, then opens again
    /// every channel it knows of and registers their consumers again. A channel opened between the two steps is in
    /// that list as well, and is "recovered" a second time: it gets another channel underneath, while the first stays
    /// open at the broker with the consumer registered on it. That consumer's deliveries are then acknowledged on the
    /// wrong channel, and as a partition's single active consumer it stopped the queue (seen after a broker restart:
    /// twelve messages left waiting, and every later one behind them). So while the connection is open and its
    /// recovery unfinished, this waits for the recovery, at most <see cref="RecoveryPatience"/>; while the connection
    /// is down it fails at once, as opening a channel always has.
    /// </summary>
    /// <exception cref="TimeoutException">The recovery did not finish within <see cref="RecoveryPatience"/>.</exception>
    public async Task<IChannel> CreateChannelAsync(CreateChannelOptions? options, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var recovery = Volatile.Read(ref _recovered).Task;
        if (!recovery.IsCompleted && connection.IsOpen)
        {
            try
            {
                await recovery.WaitAsync(RecoveryPatience, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The RabbitMQ connection was still recovering after {RecoveryPatience.TotalSeconds:0} s.");
            }
        }
        return await connection.CreateChannelAsync(options, cancellationToken);
    }

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
                    // The handlers move with the connection to each new one the library opens when it recovers.
                    connection.ConnectionShutdownAsync += OnConnectionLostAsync;
                    connection.RecoverySucceededAsync += OnRecoveredAsync;
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

    private Task OnConnectionLostAsync(object sender, ShutdownEventArgs reason)
    {
        // Closed by this process (it is stopping): nothing will recover it. Otherwise the library starts recovering.
        if (reason.Initiator != ShutdownInitiator.Application)
        {
            var current = Volatile.Read(ref _recovered);
            if (current.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _recovered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
            }
        }
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        Volatile.Read(ref _recovered).TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource Recovered()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
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
