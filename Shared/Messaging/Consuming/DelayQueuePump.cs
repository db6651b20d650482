using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// Moves the messages of one partition's delay queue back to its work queue once their time has come: it takes them
/// in queue order, waits until the head's <see cref="PipelineHeaders.DueAt"/>, publishes it to the work queue with a
/// broker confirm and only then acknowledges it.
/// </summary>
/// <remarks>
/// Why not the broker's own TTL dead-lettering: a message the broker dead-letters is re-published inside the broker
/// without the confirm-then-ack handshake (classic queues) or, for quorum queues, by a mechanism that lost up to a
/// quarter of a 2,000-message burst when a cluster node was killed mid-burst on RabbitMQ 3.10 (docs/messaging.md,
/// "The delay path"). This pump is an ordinary consumer with publisher confirms, so a crash anywhere leaves the
/// message in one queue or (a duplicate the handlers' idempotency absorbs) in both — never in neither. The delay queue
/// has a single active consumer, so one replica pumps it at a time and the queue stays first in, first out like the
/// work queues.
/// </remarks>
internal sealed partial class DelayQueuePump : IQueueSubscriber
{
    private static readonly TimeSpan AfterPumpFailure = TimeSpan.FromSeconds(1);

    private readonly string _delayQueue;
    private readonly string _workQueue;
    private readonly ConfirmedPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly QueueSubscription _subscription;

    // The current life of the subscription: its end, and the pump that works its deliveries.
    private CancellationTokenSource? _life;
    private Task _pumping = Task.CompletedTask;

    public DelayQueuePump(string pipeline, int partition, PipelineOptions options, IServiceProvider services)
    {
        _delayQueue = PipelineNames.Delay(pipeline, partition);
        _workQueue = PipelineNames.Partition(pipeline, partition);
        _publisher = services.GetRequiredService<ConfirmedPublisher>();
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsAppGenesys.Messaging.DelayQueuePump");
        _subscription = new QueueSubscription(_delayQueue, options.Prefetch, services.GetRequiredService<RabbitMQConnectionProvider>(), _time, _logger);
    }

    /// <summary>
    /// Consumes the delay queue until <paramref name="stoppingToken"/> fires. The client library recovers the channel
    /// and the subscription after a lost connection; what the dead channel had delivered goes back to the queue, so
    /// each life of the channel (a <see cref="Generation"/>) has its own buffer, dropped when the channel dies.
    /// </summary>
    public Task RunAsync(CancellationToken stoppingToken) => _subscription.RunAsync(this, static () => false, stoppingToken);

    async Task<AsyncDefaultBasicConsumer> IQueueSubscriber.SubscribeAsync(IChannel channel, CancellationToken stoppingToken)
    {
        var consumer = new Consumer(channel);
        await channel.BasicConsumeAsync(_delayQueue, autoAck: false, consumer, stoppingToken);
        _life = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _pumping = PumpAsync(channel, consumer, _life.Token);
        return consumer;
    }

    Task IQueueSubscriber.OnSupervisionAsync() => Task.CompletedTask;

    async Task IQueueSubscriber.OnEndedAsync(IChannel channel)
    {
        if (_life is { } life)
        {
            await life.CancelAsync();
            await _pumping;
            life.Dispose();
            (_life, _pumping) = (null, Task.CompletedTask);
        }
        await _subscription.CloseQuietlyAsync(channel);
    }

    /// <summary>Moves messages generation after generation until the subscription ends.</summary>
    private async Task PumpAsync(IChannel channel, Consumer consumer, CancellationToken subscription)
    {
        while (!subscription.IsCancellationRequested)
        {
            var generation = consumer.Current;
            using var life = CancellationTokenSource.CreateLinkedTokenSource(generation.Ended, subscription);
            try
            {
                await MoveDueMessagesAsync(channel, generation.Buffer.Reader, life.Token);
            }
            catch (OperationCanceledException)
            {
                // The channel died (a new generation is already current) or the subscription ended.
            }
            catch (Exception ex)
            {
                LogPumpFailed(_logger, _delayQueue, ex);
                await Task.Delay(AfterPumpFailure, _time, CancellationToken.None);
            }
        }
    }

    private async Task MoveDueMessagesAsync(IChannel channel, ChannelReader<Pending> buffer, CancellationToken life)
    {
        await foreach (var message in buffer.ReadAllAsync(life))
        {
            var wait = message.DueAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, life);
            }
            await PublishUntilConfirmedAsync(message, life);
            try
            {
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The channel just died: the broker delivers this one again, a duplicate and not a loss.
                LogAckFailed(_logger, _delayQueue, ex.GetType().Name);
            }
        }
    }

    private async Task PublishUntilConfirmedAsync(Pending message, CancellationToken life)
    {
        var outgoing = new OutgoingMessage("", _workQueue, message.MessageId, message.Type, message.Body, message.Headers);
        // The publish continues the message's trace (kept or not), rather than starting one of its own.
        using var activity = ProcessingTrace.StartMove(_delayQueue, message.MessageId, message.Trace);
        while (true)
        {
            try
            {
                await _publisher.PublishAsync(outgoing, life);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPublishFailed(_logger, _workQueue, ex.GetType().Name, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, life);
            }
        }
    }

    /// <summary>A delivered delay-queue message, copied out of the client's buffers, with its headers ready to republish.</summary>
    private sealed record Pending(ulong DeliveryTag, DateTimeOffset DueAt, string MessageId, string Type, byte[] Body,
        Dictionary<string, object?> Headers, ActivityContext Trace);

    /// <summary>One life of the channel: the deliveries it made, and a token cancelled when it dies.</summary>
    private sealed class Generation
    {
        private readonly CancellationTokenSource _ended = new();

        public Channel<Pending> Buffer { get; } = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

        public CancellationToken Ended => _ended.Token;

        public void End()
        {
            Buffer.Writer.TryComplete();
            _ended.Cancel();
        }
    }

    private sealed class Consumer(IChannel channel) : AsyncDefaultBasicConsumer(channel)
    {
        private Generation _current = new();

        public Generation Current => Volatile.Read(ref _current);

        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
            string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            var headers = PipelineHeaders.CopyForRepublish(properties.Headers);
            headers.Remove(PipelineHeaders.DueAt);
            // No due time (a message an operator published by hand) means due now.
            var dueAt = PipelineHeaders.GetTime(properties.Headers, PipelineHeaders.DueAt) ?? DateTimeOffset.MinValue;
            Current.Buffer.Writer.TryWrite(new Pending(deliveryTag, dueAt, properties.MessageId ?? "", properties.Type ?? "", body.ToArray(),
                headers, RabbitMQActivitySource.ContextExtractor(properties)));
            return Task.CompletedTask;
        }

        public override async Task HandleChannelShutdownAsync(object channel, ShutdownEventArgs reason)
        {
            await base.HandleChannelShutdownAsync(channel, reason);
            // The new generation is in place before the old one ends, so the pump never picks up a dead buffer.
            Interlocked.Exchange(ref _current, new Generation()).End();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moving a due message to {Queue} failed ({Error}: {Detail}); trying again")]
    private static partial void LogPublishFailed(ILogger logger, string queue, string error, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: unexpected failure while moving due messages")]
    private static partial void LogPumpFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: acknowledgement not sent ({Error}); the broker will redeliver")]
    private static partial void LogAckFailed(ILogger logger, string queue, string error);
}
