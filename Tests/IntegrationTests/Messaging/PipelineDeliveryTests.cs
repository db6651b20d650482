using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Holds;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>Bursts through a real partitioned pipeline: nothing lost, nothing twice, every customer in order.</summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class PipelineDeliveryTests(AppFixture fixture) : IAsyncLifetime
{
    private const int Keys = 300;
    private const int Messages = 2_000;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(120);

    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();

    public async ValueTask InitializeAsync() => _infrastructure = await MessagingInfrastructure.FromAsync(fixture);

    public async ValueTask DisposeAsync() => await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 4);

    [Theory]
    [InlineData(QueueType.Classic)]
    [InlineData(QueueType.Quorum)]
    public async Task ABurstFromManyCustomersArrivesOnceEachInCustomerOrderDespiteRandomFailuresWithTwoConsumers(QueueType queueType)
    {
        var ledger = new DeliveryLedger();
        var failures = 0;
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken ct)
        {
            var roll = Random.Shared.NextDouble();
            if (roll < 0.08)
            {
                Interlocked.Increment(ref failures);
                return ValueTask.FromResult(MessageOutcome.Retry("random provider failure"));
            }
            if (roll < 0.12)
            {
                Interlocked.Increment(ref failures);
                throw new HttpRequestException("random outage");
            }
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return ValueTask.FromResult(MessageOutcome.Success);
        }

        var options = PipelineHost.FastRetriesOn(queueType);
        await using var first = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, options, name: "consumer-a");
        await using var second = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, options, name: "consumer-b");
        await first.WaitForConsumersAsync(2, TimeSpan.FromSeconds(30));

        await DeliveryLedger.PublishBurstAsync(first.Publisher, _pipeline, Keys, Messages);
        await ledger.WaitForAsync(Messages, DeliveryTimeout);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        ledger.AssertExactlyOnceInOrder(Keys, Messages);
        Assert.Equal(0, ledger.Duplicates);
        Assert.True(failures > 100, $"only {failures} failures: the retry path was hardly exercised");
        await AssertDrainedAsync(first);
    }

    [Theory]
    [InlineData(QueueType.Classic)]
    [InlineData(QueueType.Quorum)]
    public async Task DisposingTheActiveConsumerMidBurstLosesNothingAndTheStandbyKeepsCustomerOrder(QueueType queueType)
    {
        var ledger = new DeliveryLedger();
        var crashed = 0;
        // Both replicas share the ledger the way both transformer replicas share the state manager: a redelivered
        // message that was already delivered is recognised and skipped.
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken ct)
        {
            if (Random.Shared.NextDouble() < 0.05)
            {
                return ValueTask.FromResult(MessageOutcome.Retry("random provider failure"));
            }
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        async ValueTask<MessageOutcome> HandleThenHang(MessageContext context, CancellationToken ct)
        {
            if (Volatile.Read(ref crashed) == 1)
            {
                // The process is dying: the handler never finishes, so nothing it holds is acknowledged.
                await Task.Delay(Timeout.Infinite, ct);
            }
            return await Handle(context, ct);
        }

        var options = PipelineHost.FastRetriesOn(queueType);
        var active = await PipelineHost.StartAsync(_infrastructure, _pipeline, HandleThenHang, options, name: "consumer-a");
        await active.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));
        await using var standby = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, options, name: "consumer-b");
        await standby.WaitForConsumersAsync(2, TimeSpan.FromSeconds(30));

        var burst = DeliveryLedger.PublishBurstAsync(standby.Publisher, _pipeline, Keys, Messages);
        await ledger.WaitForAsync(Messages / 3, DeliveryTimeout);
        Volatile.Write(ref crashed, 1);
        var takenOver = ledger.Total;
        await active.DisposeAsync();

        await burst;
        await ledger.WaitForAsync(Messages, DeliveryTimeout);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.True(takenOver < Messages, "the crash happened after the burst was already through");
        ledger.AssertExactlyOnceInOrder(Keys, Messages);
        await AssertDrainedAsync(standby);
    }

    [Fact]
    public async Task AMessageOfAHeldCustomerWaitsBehindTheRetriedOneWhileOtherCustomersGoOn()
    {
        var ledger = new DeliveryLedger();
        var calls = new ConcurrentQueue<string>();
        var failuresLeft = 2;
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken ct)
        {
            var message = DeliveryLedger.Parse(context.Body);
            calls.Enqueue(message.Id);
            if (message.Id == "held#0" && Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                return ValueTask.FromResult(MessageOutcome.Retry("Genesys answered 503"));
            }
            ledger.TryDeliver(message);
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        // One partition, so the customer that goes on shares the held customer's queue.
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, o =>
        {
            PipelineHost.FastRetries(o);
            o.Partitions = 1;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(500);
            o.RetryMaxDelay = TimeSpan.FromSeconds(1);
        });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_infrastructure.Redis);
        var holds = PipelineNames.Holds(_pipeline, 0);

        await host.Publisher.PublishJsonAsync(_pipeline, "held", "held#0", "test.message", new TestMessage("held", 0), TestContext.Current.CancellationToken);
        var persisted = await PollAsync(async () => (string?)await redis.GetDatabase().HashGetAsync(holds, "held"));
        await host.Publisher.PublishJsonAsync(_pipeline, "held", "held#1", "test.message", new TestMessage("held", 1), TestContext.Current.CancellationToken);
        await host.Publisher.PublishJsonAsync(_pipeline, "held", "held#2", "test.message", new TestMessage("held", 2), TestContext.Current.CancellationToken);
        await host.Publisher.PublishJsonAsync(_pipeline, "free", "free#0", "test.message", new TestMessage("free", 0), TestContext.Current.CancellationToken);
        await ledger.WaitForAsync(4, TimeSpan.FromSeconds(30));

        Assert.Contains("held#0", persisted);
        Assert.Equal([0, 1, 2], ledger.PerKey["held"]);
        var order = ledger.Order.ToList();
        Assert.True(order.IndexOf("free#0") < order.IndexOf("held#0"), $"the free customer waited: {string.Join(",", order)}");
        var callList = calls.ToList();
        var heldHeadSucceeded = callList.FindAll(id => id == "held#0").Count == 3 ? callList.LastIndexOf("held#0") : -1;
        Assert.True(heldHeadSucceeded >= 0, $"calls: {string.Join(",", callList)}");
        Assert.True(callList.IndexOf("held#1") > heldHeadSucceeded, $"held#1 was handled before held#0 succeeded: {string.Join(",", callList)}");
        Assert.False((await redis.GetDatabase().HashGetAsync(holds, "held")).HasValue, "the hold was not released in Redis");
    }

    [Fact]
    public async Task AConsumerTakingOverWaitsForTheHoldStoreRatherThanLetANewerMessageOvertakeARetriedOne()
    {
        var ledger = new DeliveryLedger();
        ValueTask<MessageOutcome> FailHeadAtFirst(MessageContext context, CancellationToken ct) =>
            ValueTask.FromResult(MessageOutcome.Retry("Meta answered 130429", TimeSpan.FromSeconds(4)));
        ValueTask<MessageOutcome> Deliver(MessageContext context, CancellationToken ct)
        {
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        void OnePartition(PipelineOptions o)
        {
            PipelineHost.FastRetries(o);
            o.Partitions = 1;
        }
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_infrastructure.Redis);
        var ct = TestContext.Current.CancellationToken;

        // The first consumer sends held#0 to the delay queue for 4 s and writes the hold, then goes away.
        var first = await PipelineHost.StartAsync(_infrastructure, _pipeline, FailHeadAtFirst, OnePartition, name: "consumer-a");
        await first.Publisher.PublishJsonAsync(_pipeline, "held", "held#0", "test.message", new TestMessage("held", 0), ct);
        await PollAsync(async () => (string?)await redis.GetDatabase().HashGetAsync(PipelineNames.Holds(_pipeline, 0), "held"));
        await first.DisposeAsync();

        // The next one finds the hold store timing out twice (Redis under load) when its first delivery, held#1, arrives.
        var store = new HoldStoreTimingOut(new RedisHoldStore(redis, NullLogger<RedisHoldStore>.Instance), failures: 2);
        await using var second = await PipelineHost.StartAsync(_infrastructure, _pipeline, Deliver, OnePartition, name: "consumer-b",
            services: s => s.AddSingleton<IHoldStore>(store));
        await second.Publisher.PublishJsonAsync(_pipeline, "held", "held#1", "test.message", new TestMessage("held", 1), ct);
        await ledger.WaitForAsync(2, TimeSpan.FromSeconds(30));

        Assert.True(store.Loads >= 3, $"the hold store was read {store.Loads} times");
        Assert.Equal([0, 1], ledger.PerKey["held"]);
        await AssertDrainedAsync(second, partitions: 1);
    }

    /// <summary>The Redis hold store, except that its first reads time out.</summary>
    private sealed class HoldStoreTimingOut(IHoldStore inner, int failures) : IHoldStore
    {
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public Task<bool> SaveAsync(string pipeline, int partition, string key, string[]? ids) => inner.SaveAsync(pipeline, partition, key, ids);

        public Task<IReadOnlyList<KeyValuePair<string, string[]>>?> LoadAsync(string pipeline, int partition) =>
            Interlocked.Increment(ref _loads) <= failures
                ? Task.FromResult<IReadOnlyList<KeyValuePair<string, string[]>>?>(null)
                : inner.LoadAsync(pipeline, partition);
    }

    private async Task AssertDrainedAsync(PipelineHost host, int partitions = 4)
    {
        var depths = await host.Admin.CountsAsync(_pipeline, TestContext.Current.CancellationToken);
        Assert.All(depths, d => Assert.True(d.Messages == 0, $"{d.Queue} still holds {d.Messages}"));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_infrastructure.Redis);
        for (var i = 0; i < partitions; i++)
        {
            Assert.Equal(0, await redis.GetDatabase().HashLengthAsync(PipelineNames.Holds(_pipeline, i)));
        }
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 30 s");
            }
            await Task.Delay(20);
        }
    }
}
