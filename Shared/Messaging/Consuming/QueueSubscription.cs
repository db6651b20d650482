using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging.Connection;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>What a consumer does with each life of its subscription (see <see cref="QueueSubscription"/>).</summary>
internal interface IQueueSubscriber
{
    /// <summary>On a fresh channel (its prefetch already set): create the consumer, start consuming, return the consumer.</summary>
    Task<AsyncDefaultBasicConsumer> SubscribeAsync(IChannel channel, CancellationToken stoppingToken);

    /// <summary>Every second while the subscription lives.</summary>
    Task OnSupervisionAsync();

    /// <summary>That life of the subscription is over (dead, failed or stopping): let go of what it held, and of the channel.</summary>
    Task OnEndedAsync(IChannel channel);
}

/// <summary>
/// Keeps one queue subscribed until stopped. The client library recovers connection-level failures itself (and
/// registers the consumer again); a channel closed on its own (a channel-level error) or a consumer the broker
/// cancelled (its queue was deleted) does not come back by itself. So the subscription is checked every second, and
/// when three checks in a row find it dead on an open connection that is not being recovered, that life ends and the
/// queue is subscribed again.
/// A failure to subscribe is tried again after 1 s, doubling up to 10 s.
/// </summary>
internal sealed partial class QueueSubscription(string queue, ushort prefetch, RabbitMQConnectionProvider connections, TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);
    private const int DeadChecksBeforeResubscribing = 3;

    /// <summary>Runs until <paramref name="stoppingToken"/> fires or <paramref name="stopping"/> says so.</summary>
    public async Task RunAsync(IQueueSubscriber subscriber, Func<bool> stopping, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested && !stopping())
        {
            IChannel? channel = null;
            try
            {
                channel = await connections.CreateChannelAsync(null, stoppingToken);
                var connection = connections.Connection!;
                await channel.BasicQosAsync(0, prefetch, global: false, stoppingToken);
                var consumer = await subscriber.SubscribeAsync(channel, stoppingToken);
                backoff = TimeSpan.FromSeconds(1);

                var deadChecks = 0;
                while (!stopping())
                {
                    await Task.Delay(SupervisionInterval, time, stoppingToken);
                    await subscriber.OnSupervisionAsync();
                    // While the connection is down or being recovered (its channels and consumers come back last), the
                    // library is bringing this subscription back: that is not a dead one. Subscribing anew meanwhile
                    // would race the recovery (see RabbitMQConnectionProvider.CreateChannelAsync).
                    var dead = connection.IsOpen && !connections.IsRecovering && (channel.IsClosed || !consumer.IsRunning);
                    deadChecks = dead ? deadChecks + 1 : 0;
                    if (deadChecks >= DeadChecksBeforeResubscribing)
                    {
                        LogResubscribing(logger, queue, channel.CloseReason?.ReplyText ?? "consumer cancelled");
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogSubscribeFailed(logger, queue, backoff.TotalSeconds, ex);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 10));
            }
            finally
            {
                if (channel is not null)
                {
                    await subscriber.OnEndedAsync(channel);
                }
            }
        }
    }

    /// <summary>Closes the channel, which hands every delivered, unacknowledged message back to the queue, in order.</summary>
    public async Task CloseQuietlyAsync(IChannel channel)
    {
        try
        {
            if (channel.IsOpen)
            {
                await channel.CloseAsync();
            }
            channel.Dispose();
        }
        catch (Exception ex)
        {
            LogCloseFailed(logger, queue, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription to {Queue} is dead ({Reason}); subscribing again")]
    private static partial void LogResubscribing(ILogger logger, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to {Queue}; trying again in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, string queue, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: closing the channel failed ({Error})")]
    private static partial void LogCloseFailed(ILogger logger, string queue, string error);
}
