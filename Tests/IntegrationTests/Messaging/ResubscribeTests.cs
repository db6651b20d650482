using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// A subscription that dies while the connection stays open (here the broker cancels the consumer because its queue
/// was deleted) is not the client library's to recover: the consumer notices, subscribes again, backs off while the
/// queue is missing, and consumes as soon as the queue is back.
/// </summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class ResubscribeTests(AppFixture fixture) : IAsyncLifetime
{
    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();

    public async ValueTask InitializeAsync() => _infrastructure = await MessagingInfrastructure.FromAsync(fixture);

    public async ValueTask DisposeAsync() => await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 4);

    [Fact]
    public async Task AConsumerTheBrokerCancelledSubscribesAgainOnceItsQueueIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var handled = new TaskCompletionSource<MessageContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            handled.TrySetResult(context);
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle);
        await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));
        var options = host.App.Services.GetRequiredService<PipelineRegistry>().Get(_pipeline);

        await using var connection = await _infrastructure.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.QueueDeleteAsync(PipelineNames.Partition(_pipeline, 0), cancellationToken: ct);
        // Long enough for the consumer to see its subscription dead and to fail subscribing to the missing queue.
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        await PipelineTopology.DeclareAsync(channel, _pipeline, options, ct);
        await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));

        var properties = new BasicProperties
        {
            MessageId = "after#0",
            Type = "test.message",
            Persistent = true,
            Headers = new Dictionary<string, object?> { [PipelineHeaders.OrderingKey] = "after" },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new TestMessage("after", 0), JsonSerializerOptions.Web);
        await channel.BasicPublishAsync("", PipelineNames.Partition(_pipeline, 0), mandatory: true, properties, body, ct);
        var context = await handled.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        Assert.Equal("after#0", context.MessageId);
        Assert.Equal(0, context.Partition);
    }
}
