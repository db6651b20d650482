using WhatsAppGenesys.Messaging.Holds;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class HoldBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(10);

    [Fact]
    public void AKeyWithNothingInTheRetryPathIsProcessedAtOnce()
    {
        var book = new HoldBook();

        Assert.Equal(HoldDecision.Process, book.Decide("k", "m1", T0, Stale, out var changed, out _));
        Assert.False(changed);
        Assert.Equal(0, book.HeldKeys);
    }

    [Fact]
    public void ARetriedMessageHoldsItsKeySoLaterMessagesQueueBehindItInOrder()
    {
        var book = new HoldBook();
        Assert.True(book.Retried("k", "m1", T0));

        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m2", T0, Stale, out var changed2, out _));
        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m3", T0, Stale, out var changed3, out _));

        Assert.True(changed2);
        Assert.True(changed3);
        Assert.Equal(["m1", "m2", "m3"], book.Snapshot("k")!);
        Assert.Equal(HoldDecision.Process, book.Decide("other", "x", T0, Stale, out _, out _));
    }

    [Fact]
    public void OnlyTheHeadIsProcessedAndEachCompletionHandsTheTurnToTheNext()
    {
        var book = new HoldBook();
        book.Retried("k", "m1", T0);
        book.Decide("k", "m2", T0, Stale, out _, out _);
        book.Decide("k", "m3", T0, Stale, out _, out _);

        // m3 comes back from the delay queue first: not its turn.
        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m3", T0, Stale, out var unchanged, out _));
        Assert.False(unchanged);
        Assert.Equal(HoldDecision.Process, book.Decide("k", "m1", T0, Stale, out _, out _));
        Assert.True(book.Completed("k", "m1", T0));
        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m3", T0, Stale, out _, out _));
        Assert.Equal(HoldDecision.Process, book.Decide("k", "m2", T0, Stale, out _, out _));
        Assert.True(book.Completed("k", "m2", T0));
        Assert.Equal(HoldDecision.Process, book.Decide("k", "m3", T0, Stale, out _, out _));
        Assert.True(book.Completed("k", "m3", T0));

        Assert.Null(book.Snapshot("k")!);
        Assert.Equal(0, book.HeldKeys);
    }

    [Fact]
    public void AHeadThatFailsAgainKeepsItsPlace()
    {
        var book = new HoldBook();
        book.Retried("k", "m1", T0);
        book.Decide("k", "m2", T0, Stale, out _, out _);

        Assert.False(book.Retried("k", "m1", T0.AddSeconds(5)));

        Assert.Equal(["m1", "m2"], book.Snapshot("k")!);
    }

    [Fact]
    public void CompletingAMessageThatIsNotTheHeadChangesNothing()
    {
        var book = new HoldBook();
        book.Retried("k", "m1", T0);
        book.Decide("k", "m2", T0, Stale, out _, out _);

        Assert.False(book.Completed("k", "m2", T0));
        Assert.False(book.Completed("unheld", "m9", T0));
        Assert.Equal(["m1", "m2"], book.Snapshot("k")!);
    }

    [Fact]
    public void AHeadNotSeenForLongerThanTheTimeoutIsDroppedSoTheKeyCannotBlockForever()
    {
        var book = new HoldBook();
        book.Retried("k", "lost", T0);
        book.Decide("k", "m2", T0, Stale, out _, out _);

        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m2", T0 + Stale, Stale, out _, out var none));
        Assert.Null(none);

        var decision = book.Decide("k", "m2", T0 + Stale + TimeSpan.FromSeconds(1), Stale, out var changed, out var dropped);

        Assert.Equal(HoldDecision.Process, decision);
        Assert.True(changed);
        Assert.Equal(["lost"], dropped);
        Assert.Equal(["m2"], book.Snapshot("k")!);
    }

    [Fact]
    public void LoadingPersistedStateReplacesWhatWasInMemory()
    {
        var book = new HoldBook();
        book.Retried("old", "x", T0);

        book.Load([new("k", ["m1", "m2"]), new("empty", [])], T0);

        Assert.Null(book.Snapshot("old"));
        Assert.Null(book.Snapshot("empty"));
        Assert.Equal(["m1", "m2"], book.Snapshot("k")!);
        Assert.Equal(HoldDecision.Defer, book.Decide("k", "m2", T0, Stale, out _, out _));
    }
}
