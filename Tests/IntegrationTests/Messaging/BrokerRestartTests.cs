using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.AppHost.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Handling;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The broker goes away for 20 s in the middle of a burst and comes back: the consumers resume on their own (the
/// client recovers the connection, the topology and the subscriptions), nothing is lost, order is kept. Runs on a
/// RabbitMQ node of its own (the AppHost's local RabbitMQ resource in a small application) so stopping it disturbs no
/// other test.
/// </summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class BrokerRestartTests(AppFixture fixture)
{
    private const int Keys = 20;

    [Fact]
    public async Task ConsumersResumeByThemselvesAfterTheBrokerWasDownForTwentySeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await OwnBroker.StartAsync(fixture, ct);
        var (node, infrastructure) = (broker.Node, broker.Infrastructure);
        var pipeline = MessagingInfrastructure.NewPipelineName();
        var ledger = new DeliveryLedger();
        async ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            await Task.Delay(40, token); // a provider call: keeps the burst in flight while the broker goes down
            if (Random.Shared.NextDouble() < 0.05)
            {
                return MessageOutcome.Retry("random provider failure");
            }
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return MessageOutcome.Success;
        }

        try
        {
            await using var host = await PipelineHost.StartAsync(infrastructure, pipeline, Handle);
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));

            await DeliveryLedger.PublishBurstAsync(host.Publisher, pipeline, Keys, 1_000);
            await ledger.WaitForAsync(200, TimeSpan.FromSeconds(60));
            await node.StopResourceAsync("rabbitmq", ct);
            var atStop = ledger.Total;
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
            await node.StartResourceAsync("rabbitmq", ct);

            // No restart of the host: it must find its way back by itself.
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(60));
            await DeliveryLedger.PublishBurstAsync(host.Publisher, pipeline, Keys, 200, offset: 1_000 / Keys);
            await ledger.WaitForAsync(1_200, TimeSpan.FromSeconds(120));

            Assert.True(atStop < 1_000, "the burst was through before the broker stopped");
            ledger.AssertExactlyOnceInOrder(Keys, 1_200);
        }
        finally
        {
            await infrastructure.DeletePipelineAsync(pipeline, partitions: 4);
        }
    }

    /// <summary>A RabbitMQ node of the test's own, the AppHost's local RabbitMQ resource in a small application, beside the fixture's Redis.</summary>
    private sealed class OwnBroker(TestDataDirectory data, RunningApp node, MessagingInfrastructure infrastructure) : IAsyncDisposable
    {
        public RunningApp Node => node;

        public MessagingInfrastructure Infrastructure => infrastructure;

        public static async Task<OwnBroker> StartAsync(AppFixture fixture, CancellationToken ct)
        {
            var data = new TestDataDirectory();
            var builder = data.CreateBuilder();
            builder.AddLocalRabbitMQ("rabbitmq", LocalPorts.GetFreePort());
            var node = await RunningApp.StartAsync(builder, ct);
            var redis = (await MessagingInfrastructure.FromAsync(fixture)).Redis;
            return new OwnBroker(data, node, new MessagingInfrastructure((await node.GetConnectionStringAsync("rabbitmq", ct))!, redis, node));
        }

        public async ValueTask DisposeAsync()
        {
            await node.DisposeAsync();
            data.Dispose();
        }
    }

    /// <summary>
    /// The client library recovers an outage in two steps: a new connection first, then every channel and consumer it
    /// knows of. Here the second step is held for eight seconds (the library lets a handler run before each consumer it
    /// registers again), which a loaded machine's recovery of some sixty channels once took by itself. Meanwhile no
    /// channel may be opened, and no subscription may count itself dead and subscribe anew: a channel opened in that
    /// window is recovered a second time, and leaves behind, open at the broker, a second consumer nobody acknowledges
    /// for. Afterwards every partition has exactly its one consumer, and messages flow.
    /// </summary>
    [Fact]
    public async Task WhileTheClientRecoversItsChannelsNoChannelIsOpenedBesideThemAndEachPartitionKeepsOneConsumer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await OwnBroker.StartAsync(fixture, ct);
        var (node, infrastructure) = (broker.Node, broker.Infrastructure);
        var pipeline = MessagingInfrastructure.NewPipelineName();
        var ledger = new DeliveryLedger();
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return ValueTask.FromResult(MessageOutcome.Success);
        }

        try
        {
            await using var host = await PipelineHost.StartAsync(infrastructure, pipeline, Handle);
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));
            var connections = host.App.Services.GetRequiredService<RabbitMQConnectionProvider>();
            var held = 0;
            connections.Connection!.RecoveringConsumerAsync += async (_, _) =>
            {
                if (Interlocked.Exchange(ref held, 1) == 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(8), CancellationToken.None);
                }
            };

            await node.StopResourceAsync("rabbitmq", ct);
            await Eventually.TrueAsync(() => connections.IsRecovering, TimeSpan.FromSeconds(30), () => "the connection was not seen lost");
            await node.StartResourceAsync("rabbitmq", ct);
            // The window: a new connection is open, and its channels are still being recovered.
            await Eventually.TrueAsync(() => Volatile.Read(ref held) == 1 && connections.Connection!.IsOpen, TimeSpan.FromSeconds(90),
                () => "the client did not reach its channels' recovery");
            Assert.True(connections.IsRecovering);
            var opening = connections.CreateChannelAsync(null, ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            Assert.False(opening.IsCompleted, "a channel was opened while the client was still recovering the others");
            await using (var channel = await opening)
            {
                Assert.False(connections.IsRecovering);
                Assert.True(channel.IsOpen);
            }

            // Long past three supervision rounds, each partition still has one consumer, not two, and it consumes.
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(5));
            await DeliveryLedger.PublishBurstAsync(host.Publisher, pipeline, Keys, 200);
            await ledger.WaitForAsync(200, TimeSpan.FromSeconds(60));
            ledger.AssertExactlyOnceInOrder(Keys, 200);
        }
        finally
        {
            await infrastructure.DeletePipelineAsync(pipeline, partitions: 4);
        }
    }
}
