using System.Collections.Concurrent;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class KeyedSequencerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneKeysRequestsPublishInArrivalOrderHoweverLongTheirWorkBeforeTakes()
    {
        var sequencer = new KeyedSequencer(Patience);
        var published = new ConcurrentQueue<int>();
        var publishing = 0;
        var mostPublishingAtOnce = 0;
        var arrived = Enumerable.Range(0, 200).Select(i => (Index: i, Tickets: Enter(sequencer, "customer"))).ToList();

        await Task.WhenAll(arrived.Select(request => Task.Run(async () =>
        {
            using var tickets = request.Tickets;
            await Task.Delay(Random.Shared.Next(0, 5), Ct); // signature check and archive: any length, unordered
            Assert.True(await tickets.WaitTurnAsync("customer", Ct));
            InterlockedPeak.Raise(ref mostPublishingAtOnce, Interlocked.Increment(ref publishing));
            await Task.Yield();
            published.Enqueue(request.Index);
            Interlocked.Decrement(ref publishing);
            tickets.Release("customer");
        }, Ct))).WaitAsync(Patience, Ct);

        Assert.Equal(Enumerable.Range(0, 200), published);
        Assert.Equal(1, mostPublishingAtOnce);
        Assert.Equal(0, sequencer.ActiveKeys);
    }

    [Fact]
    public async Task DifferentKeysNeverWaitForEachOther()
    {
        var sequencer = new KeyedSequencer(Patience);
        using var stuck = Enter(sequencer, "x");
        Assert.True(await stuck.WaitTurnAsync("x", Ct)); // publishing, and never done
        using var behind = Enter(sequencer, "x");
        using var other = Enter(sequencer, "y");
        // One webhook for two customers: its "z" turn is its own, its "x" turn waits behind the two above.
        using var batched = sequencer.Enter([("z", null), ("x", null)]);

        var behindTurn = behind.WaitTurnAsync("x", Ct);
        Assert.True(await other.WaitTurnAsync("y", Ct).WaitAsync(Patience, Ct));
        Assert.True(await batched.WaitTurnAsync("z", Ct).WaitAsync(Patience, Ct));
        var batchedX = batched.WaitTurnAsync("x", Ct);

        Assert.False(behindTurn.IsCompleted);
        Assert.False(batchedX.IsCompleted);
        Assert.Equal(3, sequencer.ActiveKeys);
    }

    [Fact]
    public async Task AnEarlierRequestThatIsRefusedAbortedOrFailsHoldsNobodyUp()
    {
        var sequencer = new KeyedSequencer(Patience);
        var refused = Enter(sequencer, "k");
        var failing = Enter(sequencer, "k");
        var aborted = Enter(sequencer, "k");
        using var last = Enter(sequencer, "k");

        // Refused at the signature check: never waits, just goes away.
        refused.Dispose();
        Assert.True(await failing.WaitTurnAsync("k", Ct).WaitAsync(Patience, Ct));

        // The caller hung up while this one waited.
        using (var hangUp = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var waiting = aborted.WaitTurnAsync("k", hangUp.Token);
            await hangUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            aborted.Dispose();
        }

        var lastTurn = last.WaitTurnAsync("k", Ct);
        Assert.False(lastTurn.IsCompleted);
        // Publishing failed (broker down): the turn is given up all the same.
        failing.Release("k");
        failing.Dispose();
        Assert.True(await lastTurn.WaitAsync(Patience, Ct));
    }

    [Fact]
    public async Task RequestsOverSeveralKeysInAnyOrderNeitherDeadlockNorReorder()
    {
        var sequencer = new KeyedSequencer(Patience);
        string[] keys = ["a", "b", "c", "d"];
        var published = keys.ToDictionary(k => k, _ => new ConcurrentQueue<int>());
        var arrived = Enumerable.Range(0, 300)
            .Select(i => (Index: i, Keys: keys.Where(_ => Random.Shared.Next(2) == 0).DefaultIfEmpty("a").OrderBy(_ => Random.Shared.Next()).ToArray()))
            .Select(r => (r.Index, r.Keys, Tickets: sequencer.Enter(r.Keys.Select(k => (k, (long?)null)))))
            .ToList();

        // As the webhook does: each key of a request on its own, released as soon as that key is published.
        await Task.WhenAll(arrived.Select(request => Task.Run(async () =>
        {
            using var tickets = request.Tickets;
            await Task.WhenAll(request.Keys.Select(async key =>
            {
                await Task.Delay(Random.Shared.Next(0, 3), Ct);
                Assert.True(await tickets.WaitTurnAsync(key, Ct));
                published[key].Enqueue(request.Index);
                tickets.Release(key);
            }));
        }, Ct))).WaitAsync(Patience, Ct);

        foreach (var key in keys)
        {
            Assert.Equal(arrived.Where(r => r.Keys.Contains(key)).Select(r => r.Index), published[key]);
        }
        Assert.Equal(0, sequencer.ActiveKeys);
    }

    [Fact]
    public async Task LinesExistOnlyWhileTheirKeysHaveRequestsInFlight()
    {
        const int InFlight = 32;
        var sequencer = new KeyedSequencer(Patience);
        var mostKeys = 0;
        using var slots = new SemaphoreSlim(InFlight);

        // 20,000 requests over 5,000 customers, never more than 32 at once.
        await Task.WhenAll(Enumerable.Range(0, 20_000).Select(async i =>
        {
            await slots.WaitAsync(Ct);
            try
            {
                using var tickets = Enter(sequencer, $"customer-{i % 5_000}");
                InterlockedPeak.Raise(ref mostKeys, sequencer.ActiveKeys);
                await Task.Yield();
                Assert.True(await tickets.WaitTurnAsync($"customer-{i % 5_000}", Ct));
            }
            finally
            {
                slots.Release();
            }
        })).WaitAsync(Patience, Ct);

        Assert.InRange(mostKeys, 1, InFlight);
        Assert.Equal(0, sequencer.ActiveKeys);
    }

    [Fact]
    public async Task ALaterArrivalWithAnEarlierTimestampGoesAheadOfThoseNotPublishingYet()
    {
        var sequencer = new KeyedSequencer(Patience);
        var first = Enter(sequencer, "k", 100);
        Assert.True(await first.WaitTurnAsync("k", Ct)); // publishing: nobody may pass it any more
        var late = Enter(sequencer, "k", 105);
        var early = Enter(sequencer, "k", 99);
        var sameSecond = Enter(sequencer, "k", 99);
        var unknown = Enter(sequencer, "k");
        var afterUnknown = Enter(sequencer, "k", 98);

        var published = new ConcurrentQueue<string>();
        var requests = new[] { ("late", late), ("early", early), ("sameSecond", sameSecond), ("unknown", unknown), ("afterUnknown", afterUnknown) };
        var publishing = requests.Select(r => Task.Run(async () =>
        {
            using var tickets = r.Item2;
            Assert.True(await tickets.WaitTurnAsync("k", Ct));
            published.Enqueue(r.Item1);
        }, Ct)).ToList();
        first.Dispose();
        await Task.WhenAll(publishing).WaitAsync(Patience, Ct);

        // Equal seconds keep arrival order; a request without a time is never passed, so its successors stay behind it.
        Assert.Equal(["early", "sameSecond", "late", "unknown", "afterUnknown"], published);
    }

    [Fact]
    public async Task AStuckRequestAheadIsWaitedForOnlyUpToTheLimit()
    {
        var sequencer = new KeyedSequencer(TimeSpan.FromMilliseconds(200));
        using var stuck = Enter(sequencer, "k");
        Assert.True(await stuck.WaitTurnAsync("k", Ct));
        using var next = Enter(sequencer, "k");

        var waited = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(await next.WaitTurnAsync("k", Ct).WaitAsync(Patience, Ct));
        Assert.InRange(waited.Elapsed, TimeSpan.FromMilliseconds(150), Patience);

        // The one that gave up waiting is publishing now: a request after it waits for it, not only for the stuck one.
        using var newcomer = Enter(sequencer, "k", 1);
        var newcomerTurn = newcomer.WaitTurnAsync("k", Ct);
        stuck.Dispose();
        await Task.Delay(50, Ct);
        Assert.False(newcomerTurn.IsCompleted);
        next.Release("k");
        Assert.True(await newcomerTurn.WaitAsync(Patience, Ct));
    }

    private static KeyedSequencer.Tickets Enter(KeyedSequencer sequencer, string key, long? eventTime = null) =>
        sequencer.Enter([(key, eventTime)]);
}
