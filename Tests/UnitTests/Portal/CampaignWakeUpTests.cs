using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The scheduler's wake-up: a campaign created or resumed starts at once, and no signal is lost between looks.</summary>
public class CampaignWakeUpTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromHours(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static CancellationToken TestEnds => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignalEndsAWaitUnderWay() => await WaitsUntilSignalled(new CampaignWakeUp());

    [Fact]
    public async Task ASignalBeforeTheWaitIsKeptForIt()
    {
        var wakeUp = new CampaignWakeUp();
        wakeUp.Reset();
        // The API signals while the scheduler is still looking for due campaigns.
        wakeUp.Signal();

        await wakeUp.WaitAsync(LongPoll, TimeProvider.System, TestEnds).WaitAsync(Patience, TestEnds);
    }

    [Fact]
    public async Task ASignalActedOnIsForgotten()
    {
        var wakeUp = new CampaignWakeUp();
        wakeUp.Signal();
        await wakeUp.WaitAsync(LongPoll, TimeProvider.System, TestEnds).WaitAsync(Patience, TestEnds);

        wakeUp.Reset();

        await WaitsUntilSignalled(wakeUp);
    }

    [Fact]
    public async Task WithoutASignalTheWaitLastsThePollInterval()
    {
        var wakeUp = new CampaignWakeUp();
        var started = TimeProvider.System.GetTimestamp();

        await wakeUp.WaitAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System, TestEnds).WaitAsync(Patience, TestEnds);

        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task StoppingEndsTheWait()
    {
        var wakeUp = new CampaignWakeUp();
        using var stopping = new CancellationTokenSource();
        var waiting = wakeUp.WaitAsync(LongPoll, TimeProvider.System, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, CancellationToken.None));
    }

    /// <summary>A wait under way does not end by itself within a moment, and ends when signalled.</summary>
    private static async Task WaitsUntilSignalled(CampaignWakeUp wakeUp)
    {
        var waiting = wakeUp.WaitAsync(LongPoll, TimeProvider.System, TestEnds);
        await Task.Delay(50, TestEnds);
        Assert.False(waiting.IsCompleted);

        wakeUp.Signal();

        await waiting.WaitAsync(Patience, TestEnds);
    }
}
