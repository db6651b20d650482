using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WhatsAppGenesys.Database;

namespace WhatsAppGenesys.UnitTests.Database;

/// <summary>
/// Group commit, with a writer that records the batches it is given: items handed in while a transaction runs share
/// the next one, and a batch the database refuses is written again one by one. (The writers' SQL runs against
/// PostgreSQL in the integration tests: the history's statuses, the ledger's provider statuses.)
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task ItemsHandedInWhileATransactionRunsShareTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter();
        await using var group = await StartAsync(writer, ct);

        var first = group.WriteAsync("m0", ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var rest = Enumerable.Range(1, 5).Select(i => group.WriteAsync($"m{i}", ct)).ToList();
        writer.Release.SetResult();
        await Task.WhenAll(rest.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal([["m0"], ["m1", "m2", "m3", "m4", "m5"]], writer.Batches);
        // Each caller gets its own item's result.
        Assert.Equal("m3 written", await rest[2]);
    }

    [Fact]
    public async Task AnItemTheDatabaseRefusesFailsAloneAndTheOthersAreWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter { Refuses = "bad" };
        await using var group = await StartAsync(writer, ct);

        var first = group.WriteAsync("m0", ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var good = group.WriteAsync("m1", ct);
        var bad = group.WriteAsync("bad", ct);
        var alsoGood = group.WriteAsync("m2", ct);
        writer.Release.SetResult();

        await Task.WhenAll(first, good, alsoGood).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("bad", refused.Message, StringComparison.Ordinal);
        Assert.Equal([["m0"], ["m1", "bad", "m2"], ["m1"], ["bad"], ["m2"]], writer.Batches);
    }

    [Fact]
    public async Task ItemsWaitingWhenItStopsAreCancelledNotLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter();
        var group = await StartAsync(writer, ct);

        var first = group.WriteAsync("m0", ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var waiting = group.WriteAsync("m1", ct);
        await group.DisposeAsync();

        // The transaction in flight is cancelled with the service; the waiting item was never written. Both callers
        // hear so, and their deliveries go back to the broker unacknowledged.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal([["m0"]], writer.Batches);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => group.Group.WriteAsync("m2", ct));
    }

    private static async Task<RunningGroup> StartAsync(RecordingWriter writer, CancellationToken ct)
    {
        var services = new ServiceCollection().AddScoped<IBatchWriter<string, string>>(_ => writer).BuildServiceProvider();
        var group = new GroupCommit<string, string>(services.GetRequiredService<IServiceScopeFactory>(), new GroupCommitOptions("test writes"),
            NullLogger<GroupCommit<string, string>>.Instance);
        await group.StartAsync(ct);
        return new RunningGroup(group, services);
    }

    private sealed record RunningGroup(GroupCommit<string, string> Group, ServiceProvider Services) : IAsyncDisposable
    {
        public Task<string> WriteAsync(string item, CancellationToken ct) => Group.WriteAsync(item, ct);

        public async ValueTask DisposeAsync()
        {
            await Group.StopAsync(CancellationToken.None);
            Group.Dispose();
            await Services.DisposeAsync();
        }
    }

    /// <summary>Holds its first batch until released; answers each item with a result naming it; refuses a batch holding <see cref="Refuses"/>.</summary>
    private sealed class RecordingWriter : IBatchWriter<string, string>
    {
        public List<string[]> Batches { get; } = [];
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Refuses { get; init; }

        public async Task<string[]> WriteAsync(IReadOnlyList<string> items, CancellationToken ct)
        {
            lock (Batches)
            {
                Batches.Add(items.ToArray());
            }
            Started.TrySetResult();
            await Release.Task.WaitAsync(ct);
            if (items.Contains(Refuses))
            {
                throw new InvalidOperationException($"Refused a batch holding {Refuses}");
            }
            return items.Select(item => $"{item} written").ToArray();
        }
    }
}
