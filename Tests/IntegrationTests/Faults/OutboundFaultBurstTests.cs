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
    public async Task OutboundTransformerKilledMidBurstLosesAndDuplicatesNothing() =>
        (await _scenario.TransformerKilledMidBurstAsync(BurstDirection.Outbound, Transformer)).AssertEveryMessageDeliveredOnceInOrder();

    [Fact]
    public async Task OneOfTwoOutboundTransformerReplicasKilledMidBurstTheOtherTakesOver() =>
        (await _scenario.BusiestReplicaKilledMidBurstAsync(BurstDirection.Outbound, Transformer)).AssertEveryMessageDeliveredOnceInOrder();

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
