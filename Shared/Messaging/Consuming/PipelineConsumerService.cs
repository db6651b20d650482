using Microsoft.Extensions.Hosting;
using WhatsAppGenesys.Messaging.Handling;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// Runs one <see cref="PartitionConsumer"/> and one <see cref="DelayQueuePump"/> per partition of a pipeline. Each
/// waits for the broker connection, so the service starts (and reports unhealthy) while RabbitMQ is still down, and
/// begins consuming when it comes up. On stop the partitions drain first; the pumps stop with the host's token after.
/// </summary>
internal sealed class PipelineConsumerService : BackgroundService
{
    private readonly PartitionConsumer[] _partitions;
    private readonly DelayQueuePump[] _pumps;

    public PipelineConsumerService(string pipeline, PipelineOptions options, Func<IServiceProvider, IMessageHandler> handlerFactory, IServiceProvider services)
    {
        Pipeline = pipeline;
        _partitions = new PartitionConsumer[options.Partitions];
        _pumps = new DelayQueuePump[options.Partitions];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = new PartitionConsumer(pipeline, i, options, handlerFactory, services);
            _pumps[i] = new DelayQueuePump(pipeline, i, options, services);
        }
    }

    public string Pipeline { get; }

    public int InFlight => _partitions.Sum(p => p.InFlight);

    public int HeldKeys => _partitions.Sum(p => p.HeldKeys);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Task.WhenAll(_partitions.Select(p => p.RunAsync(stoppingToken)).Concat(_pumps.Select(p => p.RunAsync(stoppingToken))));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_partitions.Select(p => p.StopAsync()));
        await base.StopAsync(cancellationToken);
    }
}
