using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>How a campaign keeps several sends in flight, and what it learns from them before it reads on.</summary>
public class SendsInFlightTests
{
    [Fact]
    public async Task NeverMoreThanTheLimitRunAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sends = new SendsInFlight(3);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource();
        async Task<SendOutcome> Send()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return SendOutcome.Sent;
        }

        for (var i = 0; i < 3; i++)
        {
            await sends.StartAsync(Send, ct);
        }
        var fourth = sends.StartAsync(Send, ct);
        await Task.Delay(100, ct);
        Assert.False(fourth.IsCompleted, "A fourth send started while three were in flight.");

        release.SetResult();
        await fourth;
        await Task.Delay(100, ct);
        Assert.True(sends.AnySent);
        await sends.DrainAsync();
        Assert.Equal((3, 0), (most, running));
    }

    [Fact]
    public async Task DrainingWaitsForEverySendAndStartsTheSignalsAfresh()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sends = new SendsInFlight(4);
        var finished = 0;
        async Task<SendOutcome> Slow()
        {
            await Task.Delay(150, CancellationToken.None);
            Interlocked.Increment(ref finished);
            return SendOutcome.Stop;
        }

        await sends.StartAsync(Slow, ct);
        await sends.StartAsync(Slow, ct);
        await sends.DrainAsync();

        Assert.Equal(2, finished);
        Assert.False(sends.StopRequested, "A stop is about the page it ended; the next page starts without it.");
    }

    [Fact]
    public async Task AStopOrAWaitIsSeenBeforeTheNextSendStarts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sends = new SendsInFlight(4);

        await sends.StartAsync(() => Task.FromResult(SendOutcome.Retried), ct);
        Assert.False(sends.StopRequested);
        await sends.StartAsync(() => Task.FromResult(SendOutcome.Stop), ct);
        Assert.True(sends.StopRequested);
        await sends.DrainAsync();

        await sends.StartAsync(() => Task.FromResult(SendOutcome.Wait), ct);
        Assert.True(sends.StopRequested && sends.WaitRequested);
        await sends.DrainAsync();
        Assert.True(sends.WaitRequested, "A wait ends the campaign's run: it outlives the drain.");
    }

    [Fact]
    public async Task ASendThatThrowsStopsTheCampaignAndTheDrainRethrowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sends = new SendsInFlight(2);

        await sends.StartAsync(() => Task.FromException<SendOutcome>(new InvalidOperationException("database gone")), ct);

        Assert.True(sends.StopRequested);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(sends.DrainAsync);
        Assert.Equal("database gone", thrown.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
