using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Messaging.Connection;

namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>
/// Publishes persistent messages and returns only once the broker has confirmed them (publisher confirms with
/// mandatory routing). A nack, an unroutable message or a lost connection throws, so callers never report success
/// for a message that is not safely queued. A channel whose publish was nacked or never confirmed is given up, so the
/// caller's next attempt goes through a fresh one.
/// </summary>
/// <remarks>
/// Tracing is the client library's: its publish span carries the caller's trace and writes <c>traceparent</c> into the
/// message headers, so the consumer's span continues the same trace. In a trace that is not sampled there is no
/// publish span, and <see cref="UnsampledTraceContext"/> writes the context instead.
/// </remarks>
public sealed class ConfirmedPublisher(RabbitMQConnectionProvider connections) : IAsyncDisposable
{
    // Confirmations are tracked per channel; a few channels let concurrent webhook requests publish in parallel.
    private const int ChannelCount = 4;

    /// <summary>How long a publish waits for the broker's confirm; far beyond a slow confirm on a busy quorum queue.</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    private readonly IChannel?[] _channels = new IChannel?[ChannelCount];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _next;

    public async Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // The client library writes the trace context and its confirm sequence number into these: the caller's stay as they are.
        var headers = new Dictionary<string, object?>(message.Headers ?? new Dictionary<string, object?>());
        UnsampledTraceContext.WriteInto(headers);
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = message.MessageId,
            Type = message.Type,
            ContentType = "application/json",
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Headers = headers,
        };
        var channel = await GetChannelAsync(cancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(ConfirmTimeout);
        try
        {
            await channel.BasicPublishAsync(message.Exchange, message.RoutingKey, mandatory: true, properties, message.Body, patience.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // After recovering a connection, the client library (7.x) can leave a publish waiting forever for its
            // confirm (rabbitmq-dotnet-client issue 1930); a consumer's lane blocked on it wedged a whole partition.
            // Give the channel up so the next publish opens a fresh one, and report a failure: callers publish again,
            // and a copy the broker did take is a duplicate the handlers' ledger absorbs.
            await AbandonAsync(channel);
            throw new TimeoutException($"The broker did not confirm a message to '{message.RoutingKey}' within {ConfirmTimeout.TotalSeconds:0} s.");
        }
        catch (PublishException ex) when (!ex.IsReturn)
        {
            // The broker refused the message (a nack), and a channel can go on refusing: RabbitMQ 3.10 keeps, per
            // channel, a quorum queue's members as the queue record named them at the channel's first publish to it,
            // and a first publish tries the first of them only; while that member's node is gone, every publish on the
            // channel to that queue is refused (docs/messaging.md, "Losing a node"). A fresh channel reads the queue
            // record again, so the caller's next attempt gets one.
            await AbandonAsync(channel);
            throw;
        }
    }

    /// <summary>The channels in rotation (for tests).</summary>
    internal IReadOnlyList<IChannel> Channels => [.. _channels.OfType<IChannel>()];

    private async Task AbandonAsync(IChannel channel)
    {
        for (var slot = 0; slot < ChannelCount; slot++)
        {
            Interlocked.CompareExchange(ref _channels[slot], null, channel);
        }
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception)
        {
            // Already closed or closing with its connection: nothing is left to release.
        }
    }

    private async ValueTask<IChannel> GetChannelAsync(CancellationToken cancellationToken)
    {
        var slot = (int)((uint)Interlocked.Increment(ref _next) % ChannelCount);
        if (_channels[slot] is { IsOpen: true } open)
        {
            return open;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channels[slot] is { IsOpen: true } raced)
            {
                return raced;
            }
            var channel = await connections.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            if (_channels[slot] is { } stale)
            {
                await stale.DisposeAsync();
            }
            _channels[slot] = channel;
            return channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }
        _gate.Dispose();
    }
}

/// <summary>
/// What to publish: the exchange and routing key, a stable message id (for idempotency downstream), the body and the
/// headers.
/// </summary>
public sealed record OutgoingMessage(
    string Exchange,
    string RoutingKey,
    string MessageId,
    string Type,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, object?>? Headers = null);
