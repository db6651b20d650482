using RabbitMQ.Client;

namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// Declares one pipeline: a durable direct exchange, P work queues each bound by its own name (single active consumer,
/// so with two replicas one consumes a partition at a time and order is kept), one delay queue per partition
/// dead-lettering back to its work queue, and the dead-letter and error queues. Publishers and consumers both declare
/// it (declarations are idempotent), so whichever service starts first finds a routable exchange. Publishers pick the
/// partition with <see cref="PartitionRouter"/>.
/// </summary>
public static class PipelineTopology
{
    public static async Task DeclareAsync(IChannel channel, string pipeline, int partitions, CancellationToken cancellationToken)
    {
        var exchange = PipelineNames.Exchange(pipeline);
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        for (var i = 0; i < partitions; i++)
        {
            var work = PipelineNames.Partition(pipeline, i);
            await channel.QueueDeclareAsync(work, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-single-active-consumer"] = true },
                cancellationToken: cancellationToken);
            await channel.QueueBindAsync(work, exchange, routingKey: work, cancellationToken: cancellationToken);

            // No consumer ever reads a delay queue: messages wait for their per-message expiration and are then
            // dead-lettered back to the work queue. Classic queues expire only at the head, so the delay path is FIFO.
            await channel.QueueDeclareAsync(PipelineNames.Retry(pipeline, i), durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = work,
                },
                cancellationToken: cancellationToken);
        }
        await channel.QueueDeclareAsync(PipelineNames.DeadLetter(pipeline), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(PipelineNames.Error(pipeline), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
    }
}
