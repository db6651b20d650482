using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The delay path on a real broker: a retried message waits in its partition's delay queue until its due time, and the
/// pump (not the broker) moves it back to the work queue.
/// </summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class DelayPathTests(AppFixture fixture) : IAsyncLifetime
{
    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();

    public async ValueTask InitializeAsync() => _infrastructure = await MessagingInfrastructure.FromAsync(fixture);

    public async ValueTask DisposeAsync() => await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 4);

    [Fact]
    public async Task ARetriedMessageWaitsOutItsRetryAfterInTheDelayQueueAndIsHandledOnceMore()
    {
        var ct = TestContext.Current.CancellationToken;
        var attempts = new ConcurrentQueue<(int Attempt, long At)>();
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            attempts.Enqueue((context.Attempt, Stopwatch.GetTimestamp()));
            if (context.Attempt == 1)
            {
                return ValueTask.FromResult(MessageOutcome.Retry("Meta answered 429", retryAfter: TimeSpan.FromSeconds(2)));
            }
            succeeded.TrySetResult();
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle);

        await host.Publisher.PublishJsonAsync(_pipeline, "customer", "customer#0", "test.message", new TestMessage("customer", 0), ct);
        await succeeded.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // room for a second copy, if one were coming

        var seen = attempts.ToArray();
        Assert.Equal([1, 2], seen.Select(a => a.Attempt));
        var waited = Stopwatch.GetElapsedTime(seen[0].At, seen[1].At);
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"the retry came back after {waited.TotalMilliseconds:0} ms, before its Retry-After of 2 s");
        Assert.True(waited < TimeSpan.FromSeconds(10), $"the retry came back only after {waited.TotalMilliseconds:0} ms");
        Assert.All(await host.Admin.CountsAsync(_pipeline, ct), depth => Assert.Equal(0u, depth.Messages));
    }

    [Fact]
    public async Task AMessageLeftInADelayQueueWithoutADueTimeGoesBackToItsWorkQueueAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var handled = new TaskCompletionSource<MessageContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            handled.TrySetResult(context);
            return ValueTask.FromResult(MessageOutcome.Success);
        }
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, Handle);
        await host.WaitForConsumersAsync(1, TimeSpan.FromSeconds(30));

        // As an operator (or a build that still used broker dead-lettering) might leave one: no x-due-at header.
        await using (var connection = await _infrastructure.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            var properties = new BasicProperties
            {
                MessageId = "by-hand#0",
                Type = "test.message",
                Persistent = true,
                Headers = new Dictionary<string, object?> { [PipelineHeaders.OrderingKey] = "by-hand" },
            };
            var body = JsonSerializer.SerializeToUtf8Bytes(new TestMessage("by-hand", 0), JsonSerializerOptions.Web);
            await channel.BasicPublishAsync("", PipelineNames.Delay(_pipeline, 2), mandatory: true, properties, body, ct);
        }

        var context = await handled.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal("by-hand#0", context.MessageId);
        Assert.Equal(2, context.Partition);
        Assert.Equal("by-hand", context.OrderingKey);
        Assert.False(context.Headers!.ContainsKey(PipelineHeaders.DueAt));
    }
}
