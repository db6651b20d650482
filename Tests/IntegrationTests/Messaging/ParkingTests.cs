using WhatsAppGenesys.Contracts.Operations;
using System.Net.Http.Json;
using System.Text;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Handling;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>Dead-letter and error queues as an operator meets them: through the admin endpoints.</summary>
public sealed class ParkingTests(AppFixture fixture) : IAsyncLifetime
{
    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();

    public async ValueTask InitializeAsync() => _infrastructure = await MessagingInfrastructure.FromAsync(fixture);

    public async ValueTask DisposeAsync() => await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 4);

    [Fact]
    public async Task AMessageThatKeepsFailingIsDeadLetteredWithItsReasonAndAReplayDeliversIt()
    {
        var ledger = new DeliveryLedger();
        var outage = true;
        var attempts = 0;
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken ct)
        {
            var message = DeliveryLedger.Parse(context.Body);
            if (message.Key == "unlucky" && Volatile.Read(ref outage))
            {
                Interlocked.Increment(ref attempts);
                return ValueTask.FromResult(MessageOutcome.Retry("Genesys answered 503"));
            }
            ledger.TryDeliver(message);
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle, o =>
        {
            PipelineHost.FastRetries(o);
            o.MaxAttempts = 3;
        });
        var ct = TestContext.Current.CancellationToken;

        await host.Publisher.PublishJsonAsync(_pipeline, "unlucky", "unlucky#0", "test.message", new TestMessage("unlucky", 0), ct);
        await host.Publisher.PublishJsonAsync(_pipeline, "lucky", "lucky#0", "test.message", new TestMessage("lucky", 0), ct);
        var parked = await PollAsync(async () =>
            await host.Http.GetFromJsonAsync<List<ParkedMessage>>($"/admin/pipelines/{_pipeline}/dead-letters", ct) is { Count: > 0 } list ? list : null);

        var dead = Assert.Single(parked);
        Assert.Equal("unlucky#0", dead.MessageId);
        Assert.Equal("unlucky", dead.OrderingKey);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(3, attempts);
        Assert.Contains("Attempts exhausted (3)", dead.Reason);
        Assert.Contains("503", dead.Reason);
        Assert.Equal("Genesys answered 503", dead.LastError);
        Assert.StartsWith($"{_pipeline}.p", dead.OriginalQueue);
        Assert.NotNull(dead.FirstSeen);
        Assert.NotNull(dead.ParkedAt);
        Assert.True(ledger.Contains("lucky#0"));
        Assert.False(ledger.Contains("unlucky#0"));

        // Listing is a peek: the message is still parked afterwards.
        var again = await host.Http.GetFromJsonAsync<List<ParkedMessage>>($"/admin/pipelines/{_pipeline}/dead-letters", ct);
        Assert.Single(again!);
        var depths = await host.Http.GetFromJsonAsync<List<QueueDepth>>($"/admin/pipelines/{_pipeline}/queues", ct);
        Assert.Equal(1u, depths!.Single(d => d.Queue == $"{_pipeline}.dead-letter").Messages);

        Volatile.Write(ref outage, false);
        var replay = await host.Http.PostAsync($"/admin/pipelines/{_pipeline}/dead-letters/replay?messageId={Uri.EscapeDataString("unlucky#0")}", null, ct);
        replay.EnsureSuccessStatusCode();

        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<ReplayResult>(ct))!.Replayed);
        await ledger.WaitForAsync(2, TimeSpan.FromSeconds(30));
        Assert.Empty((await host.Http.GetFromJsonAsync<List<ParkedMessage>>($"/admin/pipelines/{_pipeline}/dead-letters", ct))!);
    }

    [Fact]
    public async Task PoisonGoesToTheErrorQueueAtOnceAndReplayByIdLeavesTheOthersParked()
    {
        var ledger = new DeliveryLedger();
        var calls = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var mapperFixed = false;
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken ct)
        {
            calls.AddOrUpdate(context.MessageId, 1, (_, n) => n + 1);
            var message = DeliveryLedger.Parse(context.Body); // throws JsonException on garbage
            if (message.Key == "unmappable" && !Volatile.Read(ref mapperFixed))
            {
                return ValueTask.FromResult(MessageOutcome.Poison("No mapping for message type 'hologram'"));
            }
            ledger.TryDeliver(message);
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle);
        var ct = TestContext.Current.CancellationToken;

        await host.Publisher.PublishAsync(_pipeline, "garbled", "garbled#0", "test.message", Encoding.UTF8.GetBytes("{not json"), ct);
        await host.Publisher.PublishJsonAsync(_pipeline, "unmappable", "unmappable#0", "test.message", new TestMessage("unmappable", 0), ct);
        var parked = await PollAsync(async () =>
            await host.Http.GetFromJsonAsync<List<ParkedMessage>>($"/admin/pipelines/{_pipeline}/errors", ct) is { Count: 2 } list ? list : null);

        Assert.Equal(1, calls["garbled#0"]);
        Assert.Equal(1, calls["unmappable#0"]);
        var garbled = parked.Single(p => p.MessageId == "garbled#0");
        Assert.StartsWith("JsonException", garbled.Reason);
        Assert.Equal(1, garbled.Attempts);
        Assert.Equal("garbled", garbled.OrderingKey);
        Assert.Equal("No mapping for message type 'hologram'", parked.Single(p => p.MessageId == "unmappable#0").Reason);

        Volatile.Write(ref mapperFixed, true);
        var replay = await host.Http.PostAsync($"/admin/pipelines/{_pipeline}/errors/replay?messageId={Uri.EscapeDataString("unmappable#0")}", null, ct);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<ReplayResult>(ct))!.Replayed);
        await ledger.WaitForAsync(1, TimeSpan.FromSeconds(30));

        var left = await host.Http.GetFromJsonAsync<List<ParkedMessage>>($"/admin/pipelines/{_pipeline}/errors", ct);
        Assert.Equal("garbled#0", Assert.Single(left!).MessageId);
    }

    [Fact]
    public async Task ReadersInTwoProcessesAtOnceEachSeeEveryParkedMessageAndAReplayAmongThemFindsItsOwn()
    {
        // Before parking queues had a reader lock, a message one peek held unacknowledged was invisible to every other
        // reader: the console showed a partial list while the alert service scanned, and a replay by id found nothing.
        const int parkedCount = 30;
        var mapperFixed = false;
        ValueTask<MessageOutcome> Poison(MessageContext context, CancellationToken ct) =>
            ValueTask.FromResult(Volatile.Read(ref mapperFixed) ? MessageOutcome.Success : MessageOutcome.Poison("No mapping for message type 'hologram'"));
        await using var first = await PipelineHost.StartAsync(_infrastructure, _pipeline, Poison);
        await using var second = await PipelineHost.StartAsync(_infrastructure, _pipeline, handle: null, name: "second-reader");
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < parkedCount; i++)
        {
            await first.Publisher.PublishJsonAsync(_pipeline, $"customer-{i}", $"parked#{i}", "test.message", new TestMessage($"customer-{i}", i), ct);
        }
        await PollAsync(async () => (await first.Admin.PeekAsync(_pipeline, ParkingLot.Error, 100, ct)).Count == parkedCount ? "all parked" : null);

        Volatile.Write(ref mapperFixed, true);
        var everyId = Enumerable.Range(0, parkedCount).Select(i => $"parked#{i}").ToHashSet();
        var peeks = Enumerable.Range(0, 16)
            .Select(i => (i % 2 == 0 ? first : second).Admin.PeekAsync(_pipeline, ParkingLot.Error, 100, ct))
            .ToList();
        var replay = second.Admin.ReplayAsync(_pipeline, ParkingLot.Error, "parked#7", ct);
        await Task.WhenAll(peeks.Cast<Task>().Append(replay));

        Assert.Equal(1, (await replay).Replayed);
        foreach (var peek in peeks)
        {
            var seen = (await peek).Select(p => p.MessageId).ToHashSet();
            // Each peek ran wholly before or wholly after the replay.
            Assert.True(seen.SetEquals(everyId) || seen.SetEquals(everyId.Where(id => id != "parked#7")),
                $"A peek saw {seen.Count} of {parkedCount} parked messages: the readers hid messages from each other.");
        }
        Assert.Equal(parkedCount - 1, (await second.Admin.PeekAsync(_pipeline, ParkingLot.Error, 100, ct)).Count);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 30 s");
            }
            await Task.Delay(50);
        }
    }
}
