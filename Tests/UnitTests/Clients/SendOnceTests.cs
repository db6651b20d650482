using WhatsAppGenesys.Clients.Idempotency;

namespace WhatsAppGenesys.UnitTests.Clients;

public class SendOnceTests
{
    [Fact]
    public async Task ConcurrentCallersWithOneKeyShareOneSend()
    {
        using var once = new SendOnce<string>(TimeSpan.FromMinutes(1), _ => true);
        var sends = 0;
        var gate = new TaskCompletionSource();

        var calls = Enumerable.Range(0, 10).Select(_ => once.RunAsync("k", async () =>
        {
            Interlocked.Increment(ref sends);
            await gate.Task;
            return "accepted";
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, sends);
        Assert.All(results, r => Assert.Equal("accepted", r.Result));
    }

    [Fact]
    public async Task AnAcceptedSendIsReplayedNotRepeated()
    {
        using var once = new SendOnce<string>(TimeSpan.FromMinutes(1), _ => true);
        var sends = 0;

        await once.RunAsync("k", () => Task.FromResult($"sent {++sends}"));
        var again = await once.RunAsync("k", () => Task.FromResult($"sent {++sends}"));

        Assert.Equal(1, sends);
        Assert.True(again.Replayed);
        Assert.Equal("sent 1", again.Result);
    }

    [Fact]
    public async Task AFailedSendIsTriedAgain()
    {
        using var once = new SendOnce<string>(TimeSpan.FromMinutes(1), result => result == "accepted");
        var attempts = 0;

        var first = await once.RunAsync("k", () => Task.FromResult(++attempts == 1 ? "503" : "accepted"));
        var second = await once.RunAsync("k", () => Task.FromResult(++attempts == 1 ? "503" : "accepted"));

        Assert.Equal("503", first.Result);
        Assert.Equal("accepted", second.Result);
        Assert.False(second.Replayed);
        Assert.Equal(2, attempts);
    }
}
