using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Runs one fault scenario: a <see cref="Burst"/> with the fault injected part-way through, the fault always undone
/// (even when the scenario fails, so the next test finds a healthy system), then the one end-to-end check.
/// </summary>
public sealed class FaultScenario(AppFixture fixture)
{
    /// <summary>Customers write to agents: checked at the Genesys sandbox.</summary>
    public Task<BurstReport> InboundAsync(BurstPlan plan, Func<Burst, CancellationToken, Task> fault, Func<Task>? undo = null) =>
        RunAsync(new InboundBurst(fixture, plan), fault, undo);

    /// <summary>Agents answer customers: checked at the Meta sandbox.</summary>
    /// <remarks>
    /// Each message the Meta sandbox accepts comes back as sent and delivered statuses, which travel the whole inbound
    /// pipeline (delivered ones on to Genesys as receipts). The "read" status is left out for the burst: it only
    /// moves a ledger row, since Genesys takes no Read receipts, and would add a third of the status traffic.
    /// </remarks>
    public async Task<BurstReport> OutboundAsync(BurstPlan plan, Func<Burst, CancellationToken, Task> fault, Func<Task>? undo = null)
    {
        var meta = fixture.Client("meta-sandbox");
        var ct = TestContext.Current.CancellationToken;
        var finalStatus = (await meta.GetFromJsonAsync<JsonObject>("/sandbox/settings", ct))!["finalStatus"]!.GetValue<string>();
        await PatchMetaSettingsAsync(new { finalStatus = "delivered" }, ct);
        try
        {
            return await RunAsync(new OutboundBurst(fixture, plan), fault, undo);
        }
        finally
        {
            await PatchMetaSettingsAsync(new { finalStatus }, CancellationToken.None);
        }
    }

    public Task<BurstReport> RunAsync(BurstDirection direction, BurstPlan plan, Func<Burst, CancellationToken, Task> fault, Func<Task>? undo = null) =>
        direction == BurstDirection.Inbound ? InboundAsync(plan, fault, undo) : OutboundAsync(plan, fault, undo);

    /// <summary>Every replica of the transformer SIGKILLed once 600 messages are through, started again 2 s later.</summary>
    public Task<BurstReport> TransformerKilledMidBurstAsync(BurstDirection direction, string transformer) =>
        RunAsync(direction, new BurstPlan(), KillMidBurst(transformer), () => EnsureRunningAsync(transformer));

    /// <summary>The same fault in a burst of another channel (RCS customers: <see cref="RcsInboundBurst"/>).</summary>
    public Task<BurstReport> TransformerKilledMidBurstAsync(Burst burst, string transformer) =>
        RunAsync(burst, KillMidBurst(transformer), () => EnsureRunningAsync(transformer));

    private Func<Burst, CancellationToken, Task> KillMidBurst(string transformer) => async (burst, ct) =>
    {
        await burst.WhenDeliveredAsync(600, ct);
        await fixture.App.KillResourceAsync(transformer);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    };

    /// <summary>
    /// The replica doing the work SIGKILLed once 600 messages are through; checks that another replica took over, and
    /// leaves every replica running for the next test.
    /// </summary>
    public async Task<BurstReport> BusiestReplicaKilledMidBurstAsync(BurstDirection direction, string transformer)
    {
        var failover = new ReplicaFailover(fixture, transformer);
        try
        {
            var report = await RunAsync(direction, new BurstPlan(), async (burst, ct) =>
            {
                await burst.WhenDeliveredAsync(600, ct);
                await failover.KillBusiestReplicaAsync(burst, ct);
            });
            failover.AssertAnotherReplicaTookOver(report.Burst);
            return report;
        }
        finally
        {
            await failover.RestoreAsync();
        }
    }

    /// <summary>The burst, the fault (which gets the running burst so it can wait for its moment), the report.</summary>
    public async Task<BurstReport> RunAsync(Burst burst, Func<Burst, CancellationToken, Task> fault, Func<Task>? undo = null)
    {
        var ct = TestContext.Current.CancellationToken;
        // The Genesys simulator limits each token to 300 requests a minute, like Genesys; a 2,000-message burst
        // through the one demo tenant would spend minutes waiting on that instead of on the fault under test.
        var genesys = fixture.Client("genesys-sandbox");
        var limit = (await genesys.GetFromJsonAsync<JsonObject>("/sandbox/rate-limit", ct))!["requestsPerMinute"]!.GetValue<int>();
        await SetGenesysRateLimitAsync(0, ct);
        try
        {
            await burst.StartAsync(ct);
            try
            {
                await fault(burst, ct);
            }
            finally
            {
                if (undo is not null)
                {
                    await undo();
                }
            }
            return await burst.CompleteAsync(ct);
        }
        finally
        {
            await SetGenesysRateLimitAsync(limit, CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts the resource again if a fault stopped or killed it: the undo of every stop and kill, safe to call when
    /// the fault never happened (the scenario failed before it).
    /// </summary>
    public async Task EnsureRunningAsync(string resource)
    {
        if (fixture.App.IsDown(resource))
        {
            await fixture.App.StartResourceAsync(resource, CancellationToken.None);
        }
    }

    private async Task PatchMetaSettingsAsync(object patch, CancellationToken ct)
    {
        using var response = await fixture.Client("meta-sandbox").PatchAsJsonAsync("/sandbox/settings", patch, ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task SetGenesysRateLimitAsync(int requestsPerMinute, CancellationToken ct)
    {
        using var response = await fixture.Client("genesys-sandbox").PutAsJsonAsync("/sandbox/rate-limit", new { requestsPerMinute }, ct);
        response.EnsureSuccessStatusCode();
    }
}

public enum BurstDirection
{
    /// <summary>Customers write to agents.</summary>
    Inbound,

    /// <summary>Agents answer customers.</summary>
    Outbound,
}
