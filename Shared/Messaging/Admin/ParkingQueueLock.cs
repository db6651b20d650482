using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Messaging.Connection;

namespace WhatsAppGenesys.Messaging.Admin;

/// <summary>
/// One reader at a time per parking queue, across every process. Parking queues are read with <c>basic.get</c>, and a
/// message one reader holds unacknowledged is invisible to every other reader until it is returned. Without this lock
/// an operator's page, the alert service's scan and a replay running at the same moment each saw part of the queue:
/// a parked message could vanish from the console, or a replay by id find nothing to replay.
/// <para>
/// Across processes the lock is an exclusive queue (<c>{queue}.reader-lock</c>): the broker lets only one connection
/// declare it, refuses the others with RESOURCE_LOCKED, and deletes it when its connection dies, so a crashed reader
/// never leaves the queue locked. Within a process, where every reader shares one connection, a semaphore per queue
/// does the same job.
/// </para>
/// </summary>
public sealed class ParkingQueueLock(RabbitMQConnectionProvider connections, ILogger<ParkingQueueLock> logger)
{
    /// <summary>How long a reader waits for another one to finish before giving up.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const ushort ResourceLocked = 405;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _inProcess = new(StringComparer.Ordinal);

    /// <summary>Ends the name of every lock queue; the connection's recovery leaves these out (a lock dies with its connection).</summary>
    public const string LockQueueSuffix = ".reader-lock";

    public static string LockQueueName(string queue) => queue + LockQueueSuffix;

    /// <summary>Waits until this caller is the queue's only reader; dispose the result to let the next one in.</summary>
    /// <exception cref="ParkingQueueBusyException">Another reader held the queue for longer than <see cref="Patience"/>.</exception>
    public async Task<IAsyncDisposable> AcquireAsync(string queue, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        var local = _inProcess.GetOrAdd(queue, _ => new SemaphoreSlim(1, 1));
        try
        {
            await local.WaitAsync(patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ParkingQueueBusyException(queue);
        }
        try
        {
            return new Held(this, queue, await DeclareLockQueueAsync(queue, patience.Token, cancellationToken), local);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    private async Task<IChannel> DeclareLockQueueAsync(string queue, CancellationToken patience, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var channel = await connections.CreateChannelAsync(null, cancellationToken);
            try
            {
                await channel.QueueDeclareAsync(LockQueueName(queue), durable: false, exclusive: true, autoDelete: false,
                    arguments: null, cancellationToken: cancellationToken);
                return channel;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == ResourceLocked)
            {
                // Another process is reading; the broker closed this channel. Try again shortly on a new one.
                await channel.DisposeAsync();
            }
            catch
            {
                await channel.DisposeAsync();
                throw;
            }
            try
            {
                await Task.Delay(delay, patience);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ParkingQueueBusyException(queue);
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private async Task ReleaseAsync(string queue, IChannel channel)
    {
        try
        {
            if (!channel.IsOpen)
            {
                // The channel died while the lock was held (the connection recovers channels, but not always this
                // one): delete the lock queue on a fresh channel so other processes are not shut out until our
                // connection closes.
                await using var fresh = await connections.CreateChannelAsync(null, CancellationToken.None);
                await fresh.QueueDeleteAsync(LockQueueName(queue));
                return;
            }
            await channel.QueueDeleteAsync(LockQueueName(queue));
            await channel.CloseAsync();
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or TimeoutException)
        {
            // The broker deletes an exclusive queue with its connection, and the connection's recovery does not
            // declare a lock again: a connection that is gone, or still recovering after the provider's patience,
            // holds nothing.
            logger.LogWarning("Could not delete the reader lock of {Queue}: {Reason}", queue, ex.Message);
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }

    private sealed class Held(ParkingQueueLock owner, string queue, IChannel channel, SemaphoreSlim local) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            try
            {
                await owner.ReleaseAsync(queue, channel);
            }
            finally
            {
                local.Release();
            }
        }
    }
}

/// <summary>A parking queue stayed locked by another reader for longer than <see cref="ParkingQueueLock.Patience"/>.</summary>
public sealed class ParkingQueueBusyException(string queue)
    : Exception($"{queue} is being read by another operation; try again in a moment.")
{
    public string Queue { get; } = queue;
}
