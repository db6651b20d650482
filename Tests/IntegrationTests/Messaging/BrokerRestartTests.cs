using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.AppHost.LocalServers;
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
        using var data = new TestDataDirectory();
        var builder = data.CreateBuilder();
        builder.AddLocalRabbitMQ("rabbitmq", LocalPorts.GetFreePort());
        await using var node = await RunningApp.StartAsync(builder, ct);
        var infrastructure = new MessagingInfrastructure((await node.GetConnectionStringAsync("rabbitmq", ct))!, (await MessagingInfrastructure.FromAsync(fixture)).Redis, node);
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
}
