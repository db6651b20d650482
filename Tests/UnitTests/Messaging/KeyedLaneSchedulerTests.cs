using System.Collections.Concurrent;
using WhatsAppGenesys.Messaging.Consuming;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class KeyedLaneSchedulerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ItemsOfOneKeyRunOneAtATimeInArrivalOrder()
    {
        var running = 0;
        var maxRunning = 0;
        var seen = new ConcurrentQueue<int>();
        var scheduler = new KeyedLaneScheduler<int>(async item =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedPeak.Raise(ref maxRunning, now);
            await Task.Delay(Random.Shared.Next(0, 3), TestContext.Current.CancellationToken);
            seen.Enqueue(item);
            Interlocked.Decrement(ref running);
        }, ex => Assert.Fail(ex.ToString()));

        for (var i = 0; i < 200; i++)
        {
            scheduler.Enqueue("customer-1", i);
        }

        Assert.True(await scheduler.WaitIdleAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Equal(Enumerable.Range(0, 200), seen);
        Assert.Equal(1, maxRunning);
        Assert.Equal(0, scheduler.ActiveLanes);
    }

    [Fact]
    public async Task ItemsOfDifferentKeysRunConcurrently()
    {
        const int Keys = 8;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var scheduler = new KeyedLaneScheduler<string>(async _ =>
        {
            if (Interlocked.Increment(ref started) == Keys)
            {
                allStarted.TrySetResult();
            }
            // Each item waits until every key's first item runs: only possible if they run at the same time.
            await allStarted.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }, ex => Assert.Fail(ex.ToString()));

        for (var k = 0; k < Keys; k++)
        {
            scheduler.Enqueue($"customer-{k}", "first");
        }

        Assert.True(await scheduler.WaitIdleAsync(Patience, TestContext.Current.CancellationToken));
        Assert.True(allStarted.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task PerKeyOrderHoldsWhileManyKeysInterleave()
    {
        var perKey = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var scheduler = new KeyedLaneScheduler<(string Key, int Seq)>(async item =>
        {
            await Task.Yield();
            perKey.GetOrAdd(item.Key, _ => new()).Enqueue(item.Seq);
        }, ex => Assert.Fail(ex.ToString()));

        for (var seq = 0; seq < 50; seq++)
        {
            for (var k = 0; k < 40; k++)
            {
                scheduler.Enqueue($"k{k}", ($"k{k}", seq));
            }
        }

        Assert.True(await scheduler.WaitIdleAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Equal(40, perKey.Count);
        Assert.All(perKey.Values, q => Assert.Equal(Enumerable.Range(0, 50), q));
    }

    [Fact]
    public async Task AFailingItemIsReportedAndTheLaneGoesOn()
    {
        var errors = new ConcurrentQueue<Exception>();
        var done = new ConcurrentQueue<int>();
        var scheduler = new KeyedLaneScheduler<int>(item =>
        {
            if (item == 1)
            {
                throw new InvalidOperationException("boom");
            }
            done.Enqueue(item);
            return ValueTask.CompletedTask;
        }, errors.Enqueue);

        scheduler.Enqueue("k", 0);
        scheduler.Enqueue("k", 1);
        scheduler.Enqueue("k", 2);

        Assert.True(await scheduler.WaitIdleAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Equal([0, 2], done);
        Assert.Single(errors);
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public async Task WaitIdleGivesUpAfterItsTimeoutWhileWorkIsStuck()
    {
        var release = new TaskCompletionSource();
        var scheduler = new KeyedLaneScheduler<int>(async _ => await release.Task, ex => Assert.Fail(ex.ToString()));
        scheduler.Enqueue("k", 1);

        Assert.False(await scheduler.WaitIdleAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
        Assert.Equal(1, scheduler.Pending);

        release.SetResult();
        Assert.True(await scheduler.WaitIdleAsync(Patience, TestContext.Current.CancellationToken));
    }
}
