using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Holds;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// Consumes one partition queue: one channel, one consumer, manual acks, bounded prefetch. Deliveries are spread
/// over per-key lanes (same ordering key sequential, different keys concurrent) and each is acknowledged only after
/// its handler finished or after it was republished (delay, dead-letter or error queue) with a broker confirm.
/// </summary>
/// <remarks>
/// A <see cref="Generation"/> is one life of the subscription. When the channel dies (connection lost, broker
/// restart) every unacknowledged delivery will be redelivered by the broker, so work of the dead generation is
/// cancelled or skipped rather than finished twice, and the hold state is reloaded from Redis before the first
/// delivery of the next generation — which is also how a stand-by replica picks up the state when single active
/// consumer hands it the partition.
/// </remarks>
internal sealed partial class PartitionConsumer : IQueueSubscriber
{
    private readonly string _pipeline;
    private readonly int _partition;
    private readonly string _queue;
    private readonly string _delayQueue;
    private readonly PipelineOptions _options;
    private readonly RabbitMQConnectionProvider _connections;
    private readonly ConfirmedPublisher _publisher;
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, IMessageHandler> _handlerFactory;
    private readonly PipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KeyedLaneScheduler<Delivery> _lanes;
    private readonly PartitionHolds _holds;
    private readonly QueueSubscription _subscription;
    private readonly CancellationTokenSource _stopRequested = new();

    private Generation _current = new();
    private Generation? _loaded;
    private IChannel? _channel;
    private volatile bool _stopping;
    // When a delivery last arrived or a handler last finished; see CheckProgressAsync.
    private long _lastProgress;

    public PartitionConsumer(
        string pipeline,
        int partition,
        PipelineOptions options,
        Func<IServiceProvider, IMessageHandler> handlerFactory,
        IServiceProvider services)
    {
        _pipeline = pipeline;
        _partition = partition;
        _queue = PipelineNames.Partition(pipeline, partition);
        _delayQueue = PipelineNames.Delay(pipeline, partition);
        _options = options;
        _handlerFactory = handlerFactory;
        _connections = services.GetRequiredService<RabbitMQConnectionProvider>();
        _publisher = services.GetRequiredService<ConfirmedPublisher>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _metrics = services.GetRequiredService<PipelineMetrics>();
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WhatsAppGenesys.Messaging.PartitionConsumer");
        _holds = new PartitionHolds(pipeline, partition, services.GetRequiredService<IHoldStore>(), options, _time, _logger);
        _lanes = new KeyedLaneScheduler<Delivery>(ProcessAsync, ex => LogLaneFailure(_logger, _queue, ex));
        _subscription = new QueueSubscription(_queue, options.Prefetch, _connections, _time, _logger);
    }

    /// <summary>Deliveries accepted and not yet finished (for tests and diagnostics).</summary>
    public int InFlight => _lanes.Pending;

    public int HeldKeys => _holds.HeldKeys;

    /// <summary>Consumes the partition until <paramref name="stoppingToken"/> fires or <see cref="StopAsync"/> runs.</summary>
    public Task RunAsync(CancellationToken stoppingToken) => _subscription.RunAsync(this, () => _stopping, stoppingToken);

    async Task<AsyncDefaultBasicConsumer> IQueueSubscriber.SubscribeAsync(IChannel channel, CancellationToken stoppingToken)
    {
        var consumer = new Consumer(channel, this);
        StartGeneration();
        _channel = channel;
        MarkProgress();
        await channel.BasicConsumeAsync(_queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: null, consumer, stoppingToken);
        LogSubscribed(_logger, _queue);
        return consumer;
    }

    async Task IQueueSubscriber.OnSupervisionAsync()
    {
        await _holds.FlushDirtyAsync();
        await CheckProgressAsync();
    }

    /// <summary>
    /// The watchdog. An active consumer that has neither received nor finished anything for
    /// <see cref="PipelineOptions.StallTimeout"/> while work is in hand or waiting in its queue has stopped moving
    /// (seen after a cluster node was lost under load: the prefetch window full and nothing acknowledged). Its
    /// subscription is started again: the generation is abandoned, so blocked handlers and publishes give up, and the
    /// channel closes, so the broker returns the unacknowledged deliveries in order and the subscription loop
    /// subscribes afresh. A stand-by consumer (single active consumer) receives nothing and is never restarted.
    /// </summary>
    private async Task CheckProgressAsync()
    {
        var generation = Volatile.Read(ref _current);
        if (_stopping || !generation.Received || _channel is not { IsOpen: true } channel ||
            _time.GetElapsedTime(Interlocked.Read(ref _lastProgress)) < _options.StallTimeout)
        {
            return;
        }
        var pending = _lanes.Pending;
        var ready = pending > 0 ? 0u : await ReadyAsync(channel);
        if (pending == 0 && ready == 0)
        {
            MarkProgress(); // idle, not stuck: look again after another window
            return;
        }
        LogStalled(_logger, _queue, _options.StallTimeout.TotalSeconds, pending, ready);
        StartGeneration();
        await _subscription.CloseQuietlyAsync(channel);
        MarkProgress();
    }

    private async Task<uint> ReadyAsync(IChannel channel)
    {
        try
        {
            return await channel.MessageCountAsync(_queue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return 0; // the channel is going anyway; the subscription loop sees to it
        }
    }

    private void MarkProgress() => Interlocked.Exchange(ref _lastProgress, _time.GetTimestamp());

    async Task IQueueSubscriber.OnEndedAsync(IChannel channel)
    {
        // A stop closes the channel itself, once in-flight work has drained (StopAsync).
        if (!_stopping)
        {
            StartGeneration();
            await _subscription.CloseQuietlyAsync(channel);
        }
    }

    /// <summary>
    /// Graceful stop: take no new deliveries, let in-flight handlers finish within
    /// <see cref="PipelineOptions.ShutdownTimeout"/>, cancel the rest, then close the channel, which returns every
    /// unacknowledged delivery to the queue in order.
    /// </summary>
    /// <remarks>
    /// Deliberately no <c>basic.cancel</c> first: with single active consumer that would hand the partition to the
    /// stand-by replica while this one still works on earlier messages of the same keys. Closing the channel only
    /// after the drain keeps one active consumer per partition at any moment.
    /// </remarks>
    public async Task StopAsync()
    {
        _stopping = true;
        await _stopRequested.CancelAsync();
        if (!await _lanes.WaitIdleAsync(_options.ShutdownTimeout))
        {
            LogShutdownTimeout(_logger, _queue, _lanes.Pending);
            await _current.Cts.CancelAsync();
            await _lanes.WaitIdleAsync(TimeSpan.FromSeconds(2));
        }
        await _holds.FlushDirtyAsync();
        if (_channel is { } open)
        {
            await _subscription.CloseQuietlyAsync(open);
        }
    }

    private void StartGeneration()
    {
        var previous = Interlocked.Exchange(ref _current, new Generation());
        // In-flight handlers of the dead channel can no longer acknowledge; the broker redelivers their messages.
        previous.Cts.Cancel();
    }

    private async Task OnDeliveryAsync(IChannel channel, ulong deliveryTag, bool redelivered, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        if (_stopping)
        {
            return; // left unacknowledged: the broker requeues it when the channel closes
        }
        // Taken here, inside the client's deliver span: the handler runs later on a lane, outside of it.
        var trace = ProcessingTrace.ParentOf(properties);
        var generation = Volatile.Read(ref _current);
        generation.Received = true;
        MarkProgress();
        if (!ReferenceEquals(_loaded, generation))
        {
            // Dispatch is sequential per channel: blocking here holds back every later delivery until the state is in.
            await LoadHoldsAsync(generation);
        }
        // A message without the header (not published by PipelinePublisher) is ordered by nothing but itself.
        var key = PipelineHeaders.GetString(properties.Headers, PipelineHeaders.OrderingKey) ?? properties.MessageId ?? "";
        // The body buffer belongs to the client library only for the duration of this callback.
        _lanes.Enqueue(key, new Delivery(channel, deliveryTag, redelivered, generation, properties, body.ToArray(), key, trace));
    }

    private async Task LoadHoldsAsync(Generation generation)
    {
        // Work of the previous life of the subscription may still update holds; let it settle first.
        if (!await _lanes.WaitIdleAsync(_options.ShutdownTimeout))
        {
            LogShutdownTimeout(_logger, _queue, _lanes.Pending);
        }
        await _holds.FlushDirtyAsync();
        using (var abandoned = CancellationTokenSource.CreateLinkedTokenSource(generation.Cts.Token, _stopRequested.Token))
        {
            await _holds.LoadAsync(abandoned.Token);
        }
        _loaded = generation;
    }

    private async ValueTask ProcessAsync(Delivery delivery)
    {
        try
        {
            await ProcessOneAsync(delivery);
        }
        finally
        {
            MarkProgress();
        }
    }

    private async ValueTask ProcessOneAsync(Delivery delivery)
    {
        var generation = delivery.Generation;
        if (!ReferenceEquals(generation, Volatile.Read(ref _current)) || generation.Cts.IsCancellationRequested)
        {
            return; // its channel is gone or the stop ran out of patience: the broker redelivers it
        }
        var properties = delivery.Properties;
        var messageId = properties.MessageId;
        using var activity = ProcessingTrace.Start(_queue, properties, delivery.Trace);
        if (string.IsNullOrEmpty(messageId))
        {
            await ParkAsync(delivery, PipelineNames.Error(_pipeline), "Message has no message id", null, 0);
            return;
        }

        var decision = await _holds.DecideAsync(delivery.Key, messageId);
        if (decision == HoldDecision.Defer)
        {
            activity?.SetTag("messaging.outcome", "deferred");
            var deferred = Republish<object?>(delivery, _delayQueue, _options.DeferDelay, static (_, _) => { }, null);
            if (await PublishAsync(deferred, generation))
            {
                _metrics.Deferred(_pipeline);
                await AckAsync(delivery);
            }
            return;
        }

        var failedBefore = (int)Math.Clamp(PipelineHeaders.GetInt64(properties.Headers, PipelineHeaders.Attempt) ?? 0, 0, int.MaxValue - 1);
        var context = new MessageContext
        {
            Pipeline = _pipeline,
            Partition = _partition,
            MessageId = messageId,
            OrderingKey = delivery.Key,
            Type = properties.Type ?? "",
            Attempt = failedBefore + 1,
            FirstSeen = PipelineHeaders.GetTime(properties.Headers, PipelineHeaders.FirstSeen)
                ?? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime),
            IsRedelivery = delivery.Redelivered || failedBefore > 0,
            Body = delivery.Body,
            Headers = properties.Headers,
        };
        activity?.SetTag("messaging.attempt", context.Attempt);

        MessageOutcome outcome;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var handler = _handlerFactory(scope.ServiceProvider);
            outcome = await handler.HandleAsync(context, generation.Cts.Token);
        }
        catch (OperationCanceledException) when (generation.Cts.IsCancellationRequested)
        {
            activity?.SetTag("messaging.outcome", "abandoned");
            return; // stopping or channel lost: not acknowledged, so redelivered
        }
        catch (Exception ex)
        {
            outcome = Classify(ex);
        }
        _metrics.HandlerDuration(_pipeline, context.TenantId, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("messaging.outcome", outcome.Kind.ToString());
        if (context.TenantId is { } tenantId)
        {
            activity?.SetTag(ServiceDefaults.TenantTelemetry.TagName, tenantId);
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                await CompleteAsync(delivery, messageId);
                _metrics.Processed(_pipeline, context.TenantId);
                break;

            case OutcomeKind.Retry when context.Attempt >= _options.MaxAttempts:
                activity?.SetStatus(ActivityStatusCode.Error, "dead-lettered");
                var reason = $"Attempts exhausted ({context.Attempt}): {outcome.Reason}";
                if (await ParkAsync(delivery, PipelineNames.DeadLetter(_pipeline), reason, outcome.Reason, context.Attempt))
                {
                    _metrics.DeadLettered(_pipeline, context.TenantId);
                    LogDeadLettered(_logger, _queue, messageId, context.Attempt, outcome.Reason ?? "");
                }
                break;

            case OutcomeKind.Retry:
                var delay = RetryBackoff.Compute(context.Attempt, _options, outcome.RetryAfter, Random.Shared.NextDouble());
                var attempt = context.Attempt;
                var lastError = PipelineHeaders.Truncate(outcome.Reason ?? "");
                var retry = Republish(delivery, _delayQueue, delay, (headers, state) =>
                {
                    headers[PipelineHeaders.Attempt] = state.attempt;
                    headers[PipelineHeaders.LastError] = state.lastError;
                }, (attempt, lastError));
                if (await PublishAsync(retry, generation))
                {
                    await _holds.RetriedAsync(delivery.Key, messageId);
                    _metrics.Retried(_pipeline, context.TenantId);
                    LogRetry(_logger, _queue, messageId, context.Attempt, delay.TotalMilliseconds, lastError);
                    await AckAsync(delivery);
                }
                break;

            default:
                activity?.SetStatus(ActivityStatusCode.Error, "poison");
                if (await ParkAsync(delivery, PipelineNames.Error(_pipeline), outcome.Reason ?? "Poison message", outcome.Reason, context.Attempt))
                {
                    _metrics.Poisoned(_pipeline, context.TenantId);
                    LogPoisoned(_logger, _queue, messageId, outcome.Reason ?? "");
                }
                break;
        }
    }

    private static MessageOutcome Classify(Exception ex)
    {
        var reason = PipelineHeaders.Truncate($"{ex.GetType().Name}: {ex.Message}");
        return ex is JsonException or FormatException or PoisonMessageException
            ? MessageOutcome.Poison(reason)
            : MessageOutcome.Retry(reason);
    }

    /// <summary>Done with the message: it leaves its key's hold list, then the delivery is acknowledged.</summary>
    private async Task CompleteAsync(Delivery delivery, string messageId)
    {
        await _holds.CompletedAsync(delivery.Key, messageId);
        await AckAsync(delivery);
    }

    /// <summary>Moves a message to the dead-letter or error queue (confirmed), completes it and acknowledges it.</summary>
    private async Task<bool> ParkAsync(Delivery delivery, string queue, string reason, string? lastError, int attempts)
    {
        var parked = Republish(delivery, queue, null, (headers, state) =>
        {
            headers[PipelineHeaders.Reason] = state.reason;
            headers[PipelineHeaders.Attempt] = state.attempts;
            headers[PipelineHeaders.OriginalQueue] = state.original;
            headers[PipelineHeaders.ParkedAt] = state.now;
            if (state.lastError is not null)
            {
                headers[PipelineHeaders.LastError] = state.lastError;
            }
        }, (reason: PipelineHeaders.Truncate(reason), attempts, original: _queue, now: _time.GetUtcNow().ToUnixTimeMilliseconds(),
            lastError: lastError is null ? null : PipelineHeaders.Truncate(lastError)));
        if (!await PublishAsync(parked, delivery.Generation))
        {
            return false;
        }
        if (delivery.Properties.MessageId is { Length: > 0 } messageId)
        {
            await CompleteAsync(delivery, messageId);
        }
        else
        {
            await AckAsync(delivery);
        }
        return true;
    }

    /// <summary>The message to publish to a delay queue (<paramref name="delay"/> set) or a parking queue.</summary>
    private OutgoingMessage Republish<TState>(Delivery delivery, string queue, TimeSpan? delay,
        Action<Dictionary<string, object?>, TState> setHeaders, TState state)
    {
        var properties = delivery.Properties;
        var headers = PipelineHeaders.CopyForRepublish(properties.Headers);
        headers[PipelineHeaders.OrderingKey] = delivery.Key;
        if (!headers.ContainsKey(PipelineHeaders.FirstSeen))
        {
            headers[PipelineHeaders.FirstSeen] = properties.Timestamp.UnixTime * 1000;
        }
        if (delay is { } wait)
        {
            headers[PipelineHeaders.DueAt] = (_time.GetUtcNow() + wait).ToUnixTimeMilliseconds();
        }
        setHeaders(headers, state);
        // The default exchange routes by queue name, straight to the delay or parking queue.
        return new OutgoingMessage("", queue, properties.MessageId ?? "", properties.Type ?? "", delivery.Body, headers);
    }

    /// <summary>
    /// Publishes with a broker confirm, retrying while the subscription is alive: the message's lane stays blocked
    /// meanwhile, which is what keeps its key in order. Returns false when the delivery was abandoned (channel lost or
    /// stopping); the broker then redelivers it.
    /// </summary>
    private async Task<bool> PublishAsync(OutgoingMessage message, Generation generation)
    {
        while (true)
        {
            try
            {
                await _publisher.PublishAsync(message, generation.Cts.Token);
                return true;
            }
            catch (OperationCanceledException) when (generation.Cts.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                LogRepublishFailed(_logger, message.RoutingKey, ex.GetType().Name, ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, generation.Cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
    }

    private async Task AckAsync(Delivery delivery)
    {
        try
        {
            // Tags of a channel that has since been recovered are dropped by the client; the broker redelivers those.
            await delivery.Channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }
        catch (Exception ex)
        {
            LogAckFailed(_logger, _queue, ex.GetType().Name);
        }
    }

    /// <summary>One life of the subscription; cancelled when its channel dies or a stop runs out of patience.</summary>
    private sealed class Generation
    {
        public CancellationTokenSource Cts { get; } = new();

        /// <summary>Whether this life of the subscription got any delivery: a stand-by consumer never does.</summary>
        public volatile bool Received;
    }

    private sealed class Delivery(IChannel channel, ulong deliveryTag, bool redelivered, Generation generation,
        IReadOnlyBasicProperties properties, byte[] body, string key, ActivityContext trace)
    {
        public IChannel Channel { get; } = channel;
        public ulong DeliveryTag { get; } = deliveryTag;
        public bool Redelivered { get; } = redelivered;
        public Generation Generation { get; } = generation;
        public IReadOnlyBasicProperties Properties { get; } = properties;
        public byte[] Body { get; } = body;
        public string Key { get; } = key;
        public ActivityContext Trace { get; } = trace;
    }

    private sealed class Consumer(IChannel channel, PartitionConsumer owner) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange,
            string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            owner.OnDeliveryAsync(Channel, deliveryTag, redelivered, properties, body);

        public override async Task HandleChannelShutdownAsync(object channel, ShutdownEventArgs reason)
        {
            await base.HandleChannelShutdownAsync(channel, reason);
            owner.StartGeneration();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: no delivery arrived and no handler finished for {Seconds} s with {Pending} in hand and {Ready} ready; subscribing again")]
    private static partial void LogStalled(ILogger logger, string queue, double seconds, int pending, uint ready);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue}")]
    private static partial void LogSubscribed(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: {Pending} deliveries still in flight after the wait; cancelling them (they will be redelivered)")]
    private static partial void LogShutdownTimeout(ILogger logger, string queue, int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: message {MessageId} attempt {Attempt} failed, retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, string queue, string messageId, int attempt, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: message {MessageId} dead-lettered after {Attempts} attempts: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string queue, string messageId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: message {MessageId} is poison, parked in the error queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Republishing to {Queue} failed ({Error}: {Detail}); trying again")]
    private static partial void LogRepublishFailed(ILogger logger, string queue, string error, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Queue}: acknowledgement not sent ({Error}); the broker will redeliver")]
    private static partial void LogAckFailed(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: unexpected failure while processing a delivery")]
    private static partial void LogLaneFailure(ILogger logger, string queue, Exception exception);
}
