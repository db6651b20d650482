using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.Messaging.Topology;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.Messaging.Admin;

/// <summary>Which parking queue an operation is about.</summary>
public enum ParkingLot
{
    /// <summary><c>{pipeline}.dead-letter</c>: attempts exhausted.</summary>
    DeadLetter,

    /// <summary><c>{pipeline}.error</c>: poison (could not be parsed or mapped).</summary>
    Error,
}

/// <summary>
/// Operator operations on a pipeline's parking queues. Listing is a non-destructive peek: messages are fetched with
/// <c>basic.get</c> without auto-ack on a private channel and all returned with one <c>basic.nack requeue</c> (or by
/// closing the channel, should the process die meanwhile), which puts them back in their original order. Peeks and
/// replays hold the queue's <see cref="ParkingQueueLock"/>, because a message one of them holds is invisible to the
/// others. Replaying
/// republishes each chosen message to the pipeline exchange with its original ordering key and attempts reset, waits
/// for the broker confirm, and only then acknowledges the parked copy: a crash in between duplicates, never loses.
/// </summary>
public sealed class PipelineAdmin(
    RabbitMQConnectionProvider connections, ConfirmedPublisher publisher, PipelineRegistry registry, ParkingQueueLock readers, TimeProvider? time = null)
{
    /// <summary>Upper bound of messages one operation touches, so a huge backlog cannot exhaust the process.</summary>
    public const int MaxBatch = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public static string QueueName(string pipeline, ParkingLot lot) =>
        lot == ParkingLot.DeadLetter ? PipelineNames.DeadLetter(pipeline) : PipelineNames.Error(pipeline);

    /// <summary>Lists up to <paramref name="limit"/> parked messages, oldest first, leaving them in place.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> PeekAsync(string pipeline, ParkingLot lot, int limit, CancellationToken cancellationToken)
    {
        registry.Get(pipeline);
        limit = Math.Clamp(limit, 1, MaxBatch);
        var queue = QueueName(pipeline, lot);
        var listed = new List<ParkedMessage>();
        await using var onlyReader = await readers.AcquireAsync(queue, cancellationToken);
        await using var channel = await OpenChannelAsync(cancellationToken);
        ulong lastTag = 0;
        try
        {
            while (listed.Count < limit && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } result)
            {
                lastTag = result.DeliveryTag;
                listed.Add(Describe(result));
            }
        }
        finally
        {
            if (lastTag > 0)
            {
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, CancellationToken.None);
            }
            await channel.CloseAsync(CancellationToken.None);
        }
        return listed;
    }

    /// <summary>Replays every parked message, or only those with <paramref name="messageId"/>. Returns how many were replayed.</summary>
    public async Task<ReplayResult> ReplayAsync(string pipeline, ParkingLot lot, string? messageId, CancellationToken cancellationToken)
    {
        var options = registry.Get(pipeline);
        var queue = QueueName(pipeline, lot);
        var replayed = 0;
        var seen = 0;
        await using var onlyReader = await readers.AcquireAsync(queue, cancellationToken);
        await using var channel = await OpenChannelAsync(cancellationToken);
        ulong lastSkipped = 0;
        try
        {
            // Messages not chosen stay unacknowledged on this channel, so basic.get moves on past them; they go back
            // to the queue together at the end.
            while (seen < MaxBatch && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } result)
            {
                seen++;
                var properties = result.BasicProperties;
                if (messageId is not null && properties.MessageId != messageId)
                {
                    lastSkipped = result.DeliveryTag;
                    continue;
                }
                var headers = PipelineHeaders.CopyForRepublish(properties.Headers);
                var orderingKey = PipelineHeaders.GetString(headers, PipelineHeaders.OrderingKey) ?? properties.MessageId ?? "";
                headers[PipelineHeaders.OrderingKey] = orderingKey;
                headers[PipelineHeaders.Attempt] = 0;
                headers[PipelineHeaders.ReplayedAt] = _time.GetUtcNow().ToUnixTimeMilliseconds();
                headers.Remove(PipelineHeaders.Reason);
                headers.Remove(PipelineHeaders.ParkedAt);
                headers.Remove(PipelineHeaders.OriginalQueue);
                await publisher.PublishAsync(
                    new OutgoingMessage(PipelineNames.Exchange(pipeline), PipelineNames.RoutingKey(pipeline, orderingKey, options.Partitions), properties.MessageId ?? "", properties.Type ?? "",
                        result.Body.ToArray(), headers),
                    cancellationToken);
                // Acknowledging one tag alone: the skipped ones before it must stay unacknowledged.
                await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
            }
        }
        finally
        {
            if (lastSkipped > 0 && channel.IsOpen)
            {
                await channel.BasicNackAsync(lastSkipped, multiple: true, requeue: true, CancellationToken.None);
            }
            if (channel.IsOpen)
            {
                await channel.CloseAsync(CancellationToken.None);
            }
        }
        return new ReplayResult(replayed);
    }

    /// <summary>Ready messages and consumers of every queue of the pipeline.</summary>
    public async Task<IReadOnlyList<QueueDepth>> CountsAsync(string pipeline, CancellationToken cancellationToken)
    {
        var options = registry.Get(pipeline);
        var queues = new List<string>(options.Partitions * 2 + 2);
        for (var i = 0; i < options.Partitions; i++)
        {
            queues.Add(PipelineNames.Partition(pipeline, i));
            queues.Add(PipelineNames.Delay(pipeline, i));
        }
        queues.Add(PipelineNames.DeadLetter(pipeline));
        queues.Add(PipelineNames.Error(pipeline));

        var depths = new List<QueueDepth>(queues.Count);
        await using var channel = await OpenChannelAsync(cancellationToken);
        foreach (var queue in queues)
        {
            try
            {
                var ok = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                depths.Add(new QueueDepth(queue, ok.MessageCount, ok.ConsumerCount));
            }
            catch (OperationInterruptedException)
            {
                throw new InvalidOperationException($"Queue {queue} does not exist; the pipeline's topology was not declared.");
            }
        }
        await channel.CloseAsync(cancellationToken);
        return depths;
    }

    private Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken) => connections.CreateChannelAsync(null, cancellationToken);

    private static ParkedMessage Describe(BasicGetResult result)
    {
        var properties = result.BasicProperties;
        var headers = properties.Headers;
        return new ParkedMessage(
            properties.MessageId ?? "",
            PipelineHeaders.GetString(headers, PipelineHeaders.OrderingKey) ?? "",
            properties.Type ?? "",
            PipelineHeaders.GetString(headers, PipelineHeaders.Reason)
                ?? (PipelineHeaders.GetString(headers, PipelineHeaders.BrokerDeathReason) is { } broker ? $"broker: {broker}" : ""),
            (int)(PipelineHeaders.GetInt64(headers, PipelineHeaders.Attempt) ?? 0),
            PipelineHeaders.GetString(headers, PipelineHeaders.LastError),
            PipelineHeaders.GetString(headers, PipelineHeaders.OriginalQueue) ?? PipelineHeaders.GetString(headers, PipelineHeaders.BrokerDeathQueue),
            PipelineHeaders.GetTime(headers, PipelineHeaders.FirstSeen),
            PipelineHeaders.GetTime(headers, PipelineHeaders.ParkedAt),
            result.Body.Length);
    }
}
