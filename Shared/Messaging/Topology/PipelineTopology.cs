using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// Declares one pipeline: a durable direct exchange, P work queues each bound by its own name (single active consumer,
/// so with two replicas one consumes a partition at a time and order is kept), one delay queue per partition
/// (pumped back into its work queue by <c>DelayQueuePump</c>), and the dead-letter and error queues. Publishers and consumers both declare
/// it (declarations are idempotent), so whichever service starts first finds a routable exchange. Publishers pick the
/// partition with <see cref="PartitionRouter"/>.
/// </summary>
public static class PipelineTopology
{
    public static async Task DeclareAsync(IChannel channel, string pipeline, PipelineOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await DeclareQueuesAsync(channel, pipeline, options, cancellationToken);
        }
        catch (OperationInterruptedException ex) when (QueueTypeMismatch.Matches(ex))
        {
            throw QueueTypeMismatch.Explain(pipeline, options.QueueType, ex);
        }
    }

    private static async Task DeclareQueuesAsync(IChannel channel, string pipeline, PipelineOptions options, CancellationToken cancellationToken)
    {
        var exchange = PipelineNames.Exchange(pipeline);
        var error = PipelineNames.Error(pipeline);
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        for (var i = 0; i < options.Partitions; i++)
        {
            var work = PipelineNames.Partition(pipeline, i);
            await channel.QueueDeclareAsync(work, durable: true, exclusive: false, autoDelete: false,
                arguments: QueueArguments.Work(options, error), cancellationToken: cancellationToken);
            await channel.QueueBindAsync(work, exchange, routingKey: work, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(PipelineNames.Delay(pipeline, i), durable: true, exclusive: false, autoDelete: false,
                arguments: QueueArguments.Delay(options), cancellationToken: cancellationToken);
        }
        var parking = QueueArguments.Parking(options);
        await channel.QueueDeclareAsync(PipelineNames.DeadLetter(pipeline), durable: true, exclusive: false, autoDelete: false,
            arguments: parking, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(error, durable: true, exclusive: false, autoDelete: false,
            arguments: parking, cancellationToken: cancellationToken);
    }
}
