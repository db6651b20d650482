using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>
/// The group commit of the history's statuses, with a writer that records the batches it is given: statuses handed
/// in while a transaction runs share the next one, and a batch the database refuses is written again one by one.
/// (The writer's SQL runs against PostgreSQL in the integration tests.)
/// </summary>
public sealed class StatusCommitGroupTests
{
    [Fact]
    public async Task StatusesHandedInWhileATransactionRunsShareTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter();
        await using var group = await StartAsync(writer, ct);

        var first = group.RecordAsync(Status("m0"), ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var rest = Enumerable.Range(1, 5).Select(i => group.RecordAsync(Status($"m{i}"), ct)).ToList();
        writer.Release.SetResult();
        await Task.WhenAll(rest.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal([["m0"], ["m1", "m2", "m3", "m4", "m5"]], writer.Batches);
        // Each caller gets its own status's rows.
        Assert.Equal("m3", Assert.Single(await rest[2]).Previous);
    }

    [Fact]
    public async Task AStatusTheDatabaseRefusesFailsAloneAndTheOthersAreWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter { Refuses = "bad" };
        await using var group = await StartAsync(writer, ct);

        var first = group.RecordAsync(Status("m0"), ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var good = group.RecordAsync(Status("m1"), ct);
        var bad = group.RecordAsync(Status("bad"), ct);
        var alsoGood = group.RecordAsync(Status("m2"), ct);
        writer.Release.SetResult();

        await Task.WhenAll(first, good, alsoGood).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Contains("bad", refused.Message, StringComparison.Ordinal);
        Assert.Equal([["m0"], ["m1", "bad", "m2"], ["m1"], ["bad"], ["m2"]], writer.Batches);
    }

    [Fact]
    public async Task StatusesWaitingWhenItStopsAreCancelledNotLost()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = new RecordingWriter();
        var group = await StartAsync(writer, ct);

        var first = group.RecordAsync(Status("m0"), ct);
        await writer.Started.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var waiting = group.RecordAsync(Status("m1"), ct);
        await group.DisposeAsync();

        // The transaction in flight is cancelled with the service; the waiting status was never written. Both callers
        // hear so, and their deliveries go back to the broker unacknowledged.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal([["m0"]], writer.Batches);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => group.Group.RecordAsync(Status("m2"), ct));
    }

    private static ConversationMessageStatusChanged Status(string messageId) =>
        new("tenant", "customer", messageId, HistoryStatuses.Delivered, null, null, DateTimeOffset.UnixEpoch);

    private static async Task<RunningGroup> StartAsync(RecordingWriter writer, CancellationToken ct)
    {
        var services = new ServiceCollection().AddScoped<IStatusBatchWriter>(_ => writer).BuildServiceProvider();
        var group = new StatusCommitGroup(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<StatusCommitGroup>.Instance);
        await group.StartAsync(ct);
        return new RunningGroup(group, services);
    }

    private sealed record RunningGroup(StatusCommitGroup Group, ServiceProvider Services) : IAsyncDisposable
    {
        public Task<List<StatusMove>> RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct) => Group.RecordAsync(status, ct);

        public async ValueTask DisposeAsync()
        {
            await Group.StopAsync(CancellationToken.None);
            Group.Dispose();
            await Services.DisposeAsync();
        }
    }

    /// <summary>Holds its first batch until released; answers each status with one row naming it; refuses a batch holding <see cref="Refuses"/>.</summary>
    private sealed class RecordingWriter : IStatusBatchWriter
    {
        public List<string[]> Batches { get; } = [];
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Refuses { get; init; }

        public async Task<List<StatusMove>[]> WriteAsync(IReadOnlyList<ConversationMessageStatusChanged> statuses, CancellationToken ct)
        {
            lock (Batches)
            {
                Batches.Add(statuses.Select(s => s.MessageId).ToArray());
            }
            Started.TrySetResult();
            await Release.Task.WaitAsync(ct);
            if (statuses.Any(s => s.MessageId == Refuses))
            {
                throw new InvalidOperationException($"Refused a batch holding {Refuses}");
            }
            return statuses.Select(s => new List<StatusMove> { new(s.MessageId, null, Guid.NewGuid(), null) }).ToArray();
        }
    }
}
