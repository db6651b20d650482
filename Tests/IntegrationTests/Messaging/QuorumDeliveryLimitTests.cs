using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// On quorum queues the broker itself parks a message that every consumer dies holding: the library's attempt count
/// never sees such a message fail, since no handler lives to report it.
/// </summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class QuorumDeliveryLimitTests(AppFixture fixture) : IAsyncLifetime
{
    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();

    public async ValueTask InitializeAsync() => _infrastructure = await MessagingInfrastructure.FromAsync(fixture);

    public async ValueTask DisposeAsync() => await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 1);

    [Fact]
    public async Task AMessageThatKillsEveryConsumerIsParkedInTheErrorQueueOnceItsDeliveryLimitIsReached()
    {
        var ct = TestContext.Current.CancellationToken;
        var ledger = new DeliveryLedger();
        var poisonDeliveries = 0;
        async ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            var message = DeliveryLedger.Parse(context.Body);
            if (message.Key == "poison")
            {
                // Stands for a message that crashes the process: the handler never returns, nothing is acknowledged.
                Interlocked.Increment(ref poisonDeliveries);
                await Task.Delay(Timeout.Infinite, token);
            }
            ledger.TryDeliver(message);
            return MessageOutcome.Success;
        }
        void Options(PipelineOptions options)
        {
            PipelineHost.FastRetriesOn(QueueType.Quorum)(options);
            options.Partitions = 1;
            options.DeliveryLimit = 2;
        }

        var publisher = await PipelineHost.StartAsync(_infrastructure, _pipeline, handle: null, Options, name: "publisher");
        await using (publisher)
        {
            await publisher.Publisher.PublishJsonAsync(_pipeline, "poison", "poison#0", "test.message", new TestMessage("poison", 0), ct);

            // Each consumer takes the message, hangs on it, and goes away holding it: the broker counts a delivery each time.
            for (var crash = 1; crash <= 3 && await publisher.Admin.PeekAsync(_pipeline, ParkingLot.Error, 1, ct) is { Count: 0 }; crash++)
            {
                var consumer = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, Options, name: $"consumer-{crash}");
                await Eventually.TrueAsync(() => Volatile.Read(ref poisonDeliveries) >= crash, TimeSpan.FromSeconds(30),
                    () => $"consumer {crash} was not given the message");
                await consumer.DisposeAsync();
            }

            var message = Assert.Single(await ParkedAsync(publisher, ct));
            Assert.Equal("poison#0", message.MessageId);
            Assert.Equal("poison", message.OrderingKey);
            Assert.Equal("broker: delivery_limit", message.Reason);
            Assert.Equal(PipelineNames.Partition(_pipeline, 0), message.OriginalQueue);
            Assert.Equal(3, Volatile.Read(ref poisonDeliveries));

            // Once it is parked, the partition serves everyone else again.
            await using var healthy = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, Options, name: "consumer-healthy");
            await healthy.Publisher.PublishJsonAsync(_pipeline, "other", "other#0", "test.message", new TestMessage("other", 0), ct);
            await ledger.WaitForAsync(1, TimeSpan.FromSeconds(30));
            Assert.True(ledger.Contains("other#0"));
        }
    }

    /// <summary>The error queue's messages, once there are any (the broker dead-letters as the last consumer goes).</summary>
    private async Task<IReadOnlyList<Contracts.Operations.ParkedMessage>> ParkedAsync(PipelineHost host, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var parked = await host.Admin.PeekAsync(_pipeline, ParkingLot.Error, 10, ct);
            if (parked.Count > 0 || DateTime.UtcNow > deadline)
            {
                return parked;
            }
            await Task.Delay(200, ct);
        }
    }
}
