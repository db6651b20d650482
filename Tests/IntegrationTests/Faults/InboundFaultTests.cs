using StackExchange.Redis;
using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// "No customer message is ever lost or shown twice": 2,000 messages from 300 customers through the running system
/// while one piece of it fails, checked at the Genesys sandbox — each message exactly once, each customer's in order,
/// nothing stuck in a queue or parked. Customers send faster than the system delivers, and each fault starts once the
/// agent has 500–600 of the messages, so it hits the rest at every stage (at the Meta sandbox, queued, in a handler,
/// on the way to Genesys). Every fault is undone even when its scenario fails.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class InboundFaultTests(AppFixture fixture)
{
    private const string Transformer = "inbound-transformer";
    private readonly FaultScenario _scenario = new(fixture);

    [Fact]
    public async Task InboundTransformerKilledMidBurstLosesAndDuplicatesNothing() =>
        (await _scenario.TransformerKilledMidBurstAsync(BurstDirection.Inbound, Transformer)).AssertEveryMessageDeliveredOnceInOrder();

    /// <summary>
    /// The same for RCS customers: their pipeline (inbound-rcs) is consumed by the same transformer, with the same
    /// mechanism. Half the burst, to keep the suite short: the kill still comes with 400 messages to go.
    /// </summary>
    [Fact]
    public async Task InboundTransformerKilledMidBurstOfRcsMessagesLosesAndDuplicatesNothing() =>
        (await _scenario.TransformerKilledMidBurstAsync(new RcsInboundBurst(fixture, new BurstPlan { Messages = 1_000, Customers = 150, ImageEvery = 50 }), Transformer))
            .AssertEveryMessageDeliveredOnceInOrder();

    [Fact]
    public async Task OneOfTwoInboundTransformerReplicasKilledMidBurstTheOtherTakesOver() =>
        (await _scenario.BusiestReplicaKilledMidBurstAsync(BurstDirection.Inbound, Transformer)).AssertEveryMessageDeliveredOnceInOrder();

    [Fact]
    public async Task RabbitMQStoppedFor20SecondsMidBurstLosesAndDuplicatesNothing()
    {
        var report = await _scenario.InboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(500, ct);
            await fixture.App.StopResourceAsync("rabbitmq");
            await Task.Delay(TimeSpan.FromSeconds(20), ct);
        }, () => _scenario.EnsureRunningAsync("rabbitmq"));

        report.AssertEveryMessageDeliveredOnceInOrder();
    }

    [Fact]
    public async Task RedisStoppedMidBurstLosesAndDuplicatesNothing()
    {
        var report = await _scenario.InboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(500, ct);
            await fixture.App.StopResourceAsync("redis");
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
        }, () => _scenario.EnsureRunningAsync("redis"));

        report.AssertEveryMessageDeliveredOnceInOrder();
    }

    [Fact]
    public async Task RedisFlushedMidBurstLosesAndDuplicatesNothing()
    {
        // FLUSHALL twice: once while the first messages are in flight, once later, so a redelivery that depended on
        // anything kept only in Redis (caches, hold lists, rate windows, tokens) would show up as a duplicate or a gap.
        var report = await _scenario.InboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync("redis") + ",allowAdmin=true");
            await burst.WhenDeliveredAsync(500, ct);
            await FlushAllAsync(redis);
            await burst.WhenDeliveredAsync(1_200, ct);
            await FlushAllAsync(redis);
        });

        report.AssertEveryMessageDeliveredOnceInOrder();

        static async Task FlushAllAsync(ConnectionMultiplexer redis)
        {
            foreach (var server in redis.GetServers())
            {
                await server.FlushAllDatabasesAsync();
            }
        }
    }

    [Fact]
    public async Task PostgreSQLRestartedMidBurstLosesAndDuplicatesNothing()
    {
        var report = await _scenario.InboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(600, ct);
            await fixture.App.StopResourceAsync("postgres");
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }, () => _scenario.EnsureRunningAsync("postgres"));

        report.AssertEveryMessageDeliveredOnceInOrder();
    }

    [Fact]
    public async Task S3ServerDownMidBurstWebhooksStillQueueAndImagesArriveOnceItIsBack()
    {
        // One message in ten is an image: its copy to our bucket fails while the S3 server is down, so it waits in
        // the retry path (holding its customer's later messages back) and is delivered once the server is back.
        var report = await _scenario.InboundAsync(new BurstPlan { ImageEvery = 10 }, async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(500, ct);
            await fixture.App.StopResourceAsync("minio");
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
        }, () => _scenario.EnsureRunningAsync("minio"));

        Assert.Equal(200, report.Images);
        report.AssertEveryMessageDeliveredOnceInOrder();
    }

    /// <summary>
    /// Genesys failing for the 60 s: 30 s of 503, then 30 s of 429 with Retry-After. Every message caught in
    /// it goes round the retry path six or seven times (of the ten attempts allowed) while its customer's later
    /// messages wait behind it.
    /// </summary>
    [Fact]
    public async Task GenesysAnswering503Then429For60SecondsLosesAndDuplicatesNothing()
    {
        var sandboxes = new Inbound.Sandboxes(fixture);
        const string path = "/api/v2/conversations/messages/*";
        var report = await _scenario.InboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(500, ct);
            await sandboxes.InjectGenesysFaultAsync(new { path, status = 503, durationSeconds = 30 });
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            await sandboxes.ClearGenesysFaultsAsync();
            await sandboxes.InjectGenesysFaultAsync(new { path, status = 429, retryAfterSeconds = 5, durationSeconds = 30 });
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        }, () => sandboxes.ClearGenesysFaultsAsync());

        report.AssertEveryMessageDeliveredOnceInOrder();
    }
}
