using WhatsAppGenesys.IntegrationTests.Foundation;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// The same promise the other way: 2,000 agent messages to 300 customers while part of the system fails, checked in
/// what each customer got at the Meta sandbox — each message exactly once, in the order the agent sent them.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public sealed class OutboundFaultBurstTests(AppFixture fixture)
{
    private const string Transformer = "outbound-transformer";
    private readonly FaultScenario _scenario = new(fixture);

    [Fact]
    public async Task OutboundTransformerKilledMidBurstLosesAndDuplicatesNothing()
    {
        var report = await _scenario.OutboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(600, ct);
            await fixture.App.KillResourceAsync(Transformer);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }, () => _scenario.EnsureRunningAsync(Transformer));

        report.AssertEveryMessageDeliveredOnceInOrder();
    }

    [Fact]
    public async Task OneOfTwoOutboundTransformerReplicasKilledMidBurstTheOtherTakesOver()
    {
        var failover = new ReplicaFailover(fixture, Transformer);
        try
        {
            var report = await _scenario.OutboundAsync(new BurstPlan(), async (burst, ct) =>
            {
                await burst.WhenDeliveredAsync(600, ct);
                await failover.KillBusiestReplicaAsync(burst, ct);
            });

            report.AssertEveryMessageDeliveredOnceInOrder();
            failover.AssertAnotherReplicaTookOver(report.Burst);
        }
        finally
        {
            await failover.RestoreAsync();
        }
    }

    /// <summary>
    /// Meta's throughput error (130429, "rate limit hit") on every send for 15 s: the sends back off (2, 4, 8, 16 s …)
    /// and retry in order, and nothing reaches the agent as Failed. (Longer windows only add minutes of back-off tail:
    /// a throttled send waits up to 60 s, and the partition's delay queue releases in order behind it.)
    /// </summary>
    [Fact]
    public async Task MetaAnswering130429For15SecondsLosesAndDuplicatesNothing()
    {
        var desk = new Outbound.AgentDesk(fixture);
        var report = await _scenario.OutboundAsync(new BurstPlan(), async (burst, ct) =>
        {
            await burst.WhenDeliveredAsync(500, ct);
            await desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 130429, durationSeconds = 15 });
            await Task.Delay(TimeSpan.FromSeconds(15), ct);
        }, () => desk.ClearMetaFaultsAsync());

        report.AssertEveryMessageDeliveredOnceInOrder();
    }
}
