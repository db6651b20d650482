using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// Inbound end to end: customers send text messages at the Meta sandbox (which signs and posts Meta's webhook to
/// whatsapp-webhook, one lane per customer, as Meta does) and we time each from our own send clock to the moment the
/// Genesys sandbox accepted it (its <c>receivedAt</c>). Every wamid is ours, so every message is reconciled: none may
/// be missing, none may arrive twice.
/// </summary>
public sealed class InboundEndToEnd(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    /// <summary>
    /// One message per sender first (new conversations, cold caches, first tokens: not what a busy system sees), then
    /// the measured open loop at <paramref name="rate"/> for the duration, rotating over the senders. Judged against the
    /// throughput floor (500/s) or against the latency floor (p99 under 2 s); either way nothing may be lost or doubled.
    /// </summary>
    public async Task<InboundOutcome> RunAsync(string name, IReadOnlyList<Sender> senders, int rate, InboundFloor floor, string notes, CancellationToken cancellationToken)
    {
        using var meta = LoadClients.Create(system.Endpoint(ServiceNames.MetaSandbox), options.Connections);
        await using var feed = await GenesysInboundFeed.FollowAsync(system.Client(ServiceNames.GenesysSandbox), cancellationToken);
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];

        log($"{name}: warming up, one message from each of {senders.Count} customers");
        var warmUp = Build($"w{tag}", senders, senders.Count);
        await SendAsync(meta, warmUp, Math.Min(rate, 250), cancellationToken);
        var warmedUp = await feed.WaitForAsync(warmUp.Wamids, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5),
            n => log($"  warm-up: {n}/{warmUp.Count} received"), cancellationToken);
        if (!warmedUp)
        {
            log($"  warm-up: only {feed.CountReceived(warmUp.Wamids)}/{warmUp.Count} arrived; measuring anyway");
        }

        var count = rate * options.DurationSeconds;
        var batch = Build(tag, senders, count);
        log($"{name}: {rate}/s for {options.DurationSeconds} s ({count} messages)");
        var before = ProcessMeter.Snapshot(system.App);
        var started = DateTime.UtcNow;
        var sent = await SendAsync(meta, batch, rate, cancellationToken);
        log($"  sent in {sent.Loop.SendingTook.TotalSeconds:0.0} s (max start lag {sent.Loop.MaxLag.TotalMilliseconds:0} ms), waiting for delivery");
        // As long as messages keep arriving we wait (an overloaded run drains its backlog); a minute without progress ends it.
        await feed.WaitForAsync(batch.Wamids, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(20),
            n => log($"  delivered {n}/{count}"), cancellationToken);
        var after = ProcessMeter.Snapshot(system.App);

        var recorder = new LatencyRecorder(started, count);
        long lost = 0, duplicates = 0;
        var lastReceived = started;
        var conversations = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var occurrences = feed.Occurrences(batch.Wamids[i]);
            if (occurrences.Count == 0)
            {
                lost++;
                continue;
            }
            duplicates += occurrences.Count - 1;
            var first = occurrences[0];
            var received = first.ReceivedAt.UtcDateTime;
            recorder.Record(received - new DateTime(batch.SentTicks[i], DateTimeKind.Utc), received);
            lastReceived = received > lastReceived ? received : lastReceived;
            conversations[batch.Senders[i].WaId] = first.ConversationId;
        }
        // Warm-up messages count for loss and duplication too: they are messages like any other.
        for (var i = 0; i < warmUp.Count; i++)
        {
            var occurrences = feed.Occurrences(warmUp.Wamids[i]);
            lost += occurrences.Count == 0 ? 1 : 0;
            duplicates += Math.Max(0, occurrences.Count - 1);
            if (occurrences.Count > 0)
            {
                conversations[warmUp.Senders[i].WaId] = occurrences[0].ConversationId;
            }
        }

        var latency = recorder.Summarize();
        var seconds = Math.Max(1e-3, (lastReceived - started).TotalSeconds);
        var delivered = latency.Count / seconds;
        var cpu = after.Since(before);
        log($"  {latency.Count} delivered at {delivered:0} msg/s, p99 {latency.P99:0} ms, lost {lost}, duplicated {duplicates}");
        return new InboundOutcome(new MeasurementResult
        {
            Name = name,
            Load = $"open loop {rate}/s × {options.DurationSeconds} s, {senders.Count:N0} customers",
            Rate = delivered,
            WorstSecond = latency.WorstSecond(options.DurationSeconds),
            Latency = latency,
            Completed = latency.Count,
            Lost = lost,
            Duplicates = duplicates,
            Errors = sent.Errors + sent.Loop.Failures,
            Floor = floor == InboundFloor.Throughput ? "≥ 500/s" : "p99 < 2 s",
            MeetsFloor = (floor == InboundFloor.Throughput ? delivered >= 500 : latency.P99 < 2000) && lost == 0 && duplicates == 0,
            Notes = notes + (sent.Loop.MaxLag > TimeSpan.FromSeconds(1) ? $"; generator fell {sent.Loop.MaxLag.TotalSeconds:0.0} s behind" : ""),
            Cpu = cpu,
        }, conversations);
    }

    /// <summary>Sends one message from each sender and waits until Genesys has them all; returns each customer's conversation.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> OpenConversationsAsync(IReadOnlyList<Sender> senders, CancellationToken cancellationToken)
    {
        using var meta = LoadClients.Create(system.Endpoint(ServiceNames.MetaSandbox), options.Connections);
        await using var feed = await GenesysInboundFeed.FollowAsync(system.Client(ServiceNames.GenesysSandbox), cancellationToken);
        var tag = "o" + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var batch = Build(tag, senders, senders.Count);
        var rate = Math.Min(options.InboundRate, 250);
        await SendAsync(meta, batch, rate, cancellationToken);
        await feed.WaitForAsync(batch.Wamids, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5),
            n => log($"  customers writing first: {n}/{batch.Count} received"), cancellationToken);
        var conversations = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (feed.Occurrences(batch.Wamids[i]) is [var first, ..])
            {
                conversations[batch.Senders[i].WaId] = first.ConversationId;
            }
        }
        return conversations;
    }

    private static Batch Build(string tag, IReadOnlyList<Sender> senders, int count)
    {
        var batch = new Batch(count);
        for (var i = 0; i < count; i++)
        {
            var sender = senders[i % senders.Count];
            var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.bench.{tag}.{i}");
            batch.Wamids[i] = wamid;
            batch.Senders[i] = sender;
            batch.Paths[i] = $"/sandbox/customers/{sender.WaId}/messages";
            batch.Bodies[i] = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["type"] = "text",
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"Hello, this is message {i} of run {tag}. Could you check my order status?"),
                ["wamid"] = wamid,
                ["profileName"] = sender.ProfileName,
                ["phoneNumberId"] = sender.PhoneNumberId,
            });
        }
        return batch;
    }

    private async Task<(OpenLoopResult Loop, long Errors)> SendAsync(HttpClient meta, Batch batch, int rate, CancellationToken cancellationToken)
    {
        long errors = 0;
        var loop = await OpenLoop.RunAsync(rate, batch.Count, options.Connections, async index =>
        {
            var i = (int)index;
            using var request = new HttpRequestMessage(HttpMethod.Post, batch.Paths[i]) { Content = new ByteArrayContent(batch.Bodies[i]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            batch.SentTicks[i] = DateTime.UtcNow.Ticks;
            using var response = await meta.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref errors);
            }
        }, cancellationToken);
        return (loop, Interlocked.Read(ref errors) + (batch.Count - loop.Offered));
    }

    private sealed class Batch(int count)
    {
        public int Count { get; } = count;
        public string[] Wamids { get; } = new string[count];
        public Sender[] Senders { get; } = new Sender[count];
        public string[] Paths { get; } = new string[count];
        public byte[][] Bodies { get; } = new byte[count][];
        public long[] SentTicks { get; } = new long[count];
    }
}

/// <param name="Conversations">Each customer's (wa_id) Genesys conversation, for the agent to answer in.</param>
public sealed record InboundOutcome(MeasurementResult Result, IReadOnlyDictionary<string, Guid> Conversations);

/// <summary>Which floor of issue 8 an inbound run is judged against.</summary>
public enum InboundFloor
{
    /// <summary>The transformer's 500 msg/s, offered at that rate whatever the latency.</summary>
    Throughput,

    /// <summary>End-to-end p99 under 2 s, at a rate the system sustains.</summary>
    Latency,
}
