using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// Outbound end to end: an agent answers in the customers' Genesys conversations
/// (<c>POST /sandbox/conversations/{id}/agent-messages</c>), the Genesys sandbox posts its signed webhook to
/// genesys-webhook, and we time each reply from our send clock to the moment the Meta sandbox accepted the Graph
/// send (<c>acceptedAt</c> in <c>GET /sandbox/customers/{id}/messages</c>). Each reply carries a unique token in its
/// text, so every one is reconciled at the Meta side.
/// </summary>
public sealed partial class OutboundEndToEnd(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MeasurementResult> RunAsync(IReadOnlyList<Sender> customers, IReadOnlyDictionary<string, Guid> conversations, int rate, CancellationToken cancellationToken)
    {
        const string name = "Outbound end to end (agent → Meta)";
        var targets = customers.Where(c => conversations.ContainsKey(c.WaId)).ToList();
        if (targets.Count == 0)
        {
            return Pending(name, "no customer conversation reached Genesys, so no agent could answer");
        }
        using var genesys = LoadClients.Create(system.Endpoint(ServiceNames.GenesysSandbox), options.Connections);
        var meta = system.Client(ServiceNames.MetaSandbox);
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];

        // One reply per conversation first: first sends per customer also mark the customer's message read.
        log($"outbound: warming up, one agent reply in each of {targets.Count} conversations");
        var baseline = await AcceptedAsync(meta, cancellationToken);
        var warmUp = Build($"w{tag}", targets, conversations, targets.Count);
        await SendAsync(genesys, warmUp, Math.Min(rate, 200), cancellationToken);
        var warmed = await WaitForAcceptedAsync(meta, baseline + warmUp.Count, TimeSpan.FromSeconds(45), cancellationToken);
        if (warmed == baseline)
        {
            return Pending(name, "no agent reply reached the Meta sandbox within 45 s (is the outbound pipeline on this branch?)");
        }

        var count = rate * options.DurationSeconds;
        var batch = Build(tag, targets, conversations, count);
        log($"outbound: {rate}/s for {options.DurationSeconds} s ({count} agent replies)");
        var before = ProcessMeter.Snapshot(system.App);
        var started = DateTime.UtcNow;
        var sent = await SendAsync(genesys, batch, rate, cancellationToken);
        log($"  sent in {sent.Loop.SendingTook.TotalSeconds:0.0} s (max start lag {sent.Loop.MaxLag.TotalMilliseconds:0} ms), waiting for Meta");
        await WaitForAcceptedAsync(meta, warmed + count, TimeSpan.FromSeconds(60), cancellationToken);
        // The replies' sent/delivered/read statuses are still on their way through the inbound side: part of each
        // reply's cost, and work the next measurement should not inherit.
        var drained = await system.WaitForPipelinesDrainedAsync(TimeSpan.FromMinutes(3), cancellationToken);
        log($"  status traffic drained {drained.TotalSeconds:0} s later");
        var after = ProcessMeter.Snapshot(system.App);

        // Reconcile at the Meta side, customer by customer.
        var seen = new int[count];
        var warmSeen = new int[warmUp.Count];
        var recorder = new LatencyRecorder(started, count);
        var lastAccepted = started;
        var gate = new Lock();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (customer, ct) =>
        {
            var messages = await meta.GetFromJsonAsync<List<MetaOutbound>>($"/sandbox/customers/{customer.WaId}/messages", Json, ct) ?? [];
            foreach (var message in messages)
            {
                if (message.Body.TryGetProperty("text", out var text) && text.TryGetProperty("body", out var body) &&
                    ReplyToken().Match(body.GetString() ?? "") is { Success: true } match)
                {
                    var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                    if (match.Groups[1].Value == tag && index < count)
                    {
                        if (Interlocked.Increment(ref seen[index]) == 1)
                        {
                            var accepted = message.AcceptedAt.UtcDateTime;
                            recorder.Record(accepted - new DateTime(batch.SentTicks[index], DateTimeKind.Utc), accepted);
                            lock (gate)
                            {
                                lastAccepted = accepted > lastAccepted ? accepted : lastAccepted;
                            }
                        }
                    }
                    else if (match.Groups[1].Value == $"w{tag}" && index < warmSeen.Length)
                    {
                        Interlocked.Increment(ref warmSeen[index]);
                    }
                }
            }
        });

        var lost = seen.Count(s => s == 0) + warmSeen.Count(s => s == 0);
        var duplicates = seen.Sum(s => Math.Max(0, s - 1)) + warmSeen.Sum(s => Math.Max(0, s - 1));
        var latency = recorder.Summarize();
        var delivered = latency.Count / Math.Max(1e-3, (lastAccepted - started).TotalSeconds);
        log($"  {latency.Count} delivered at {delivered:0} msg/s, p99 {latency.P99:0} ms, lost {lost}, duplicated {duplicates}");
        return new MeasurementResult
        {
            Name = name,
            Load = $"open loop {rate}/s × {options.DurationSeconds} s, {targets.Count:N0} conversations",
            Rate = delivered,
            WorstSecond = latency.WorstSecond(options.DurationSeconds),
            Latency = latency,
            Completed = latency.Count,
            Lost = lost,
            Duplicates = duplicates,
            Errors = sent.Errors + sent.Loop.Failures,
            Floor = "p99 < 2 s",
            MeetsFloor = latency.P99 < 2000 && lost == 0 && duplicates == 0,
            Notes = "each reply also brings 3 status webhooks (sent, delivered, read) back through the inbound side"
                + (sent.Loop.MaxLag > TimeSpan.FromSeconds(1) ? $"; generator fell {sent.Loop.MaxLag.TotalSeconds:0.0} s behind" : ""),
            Cpu = after.Since(before),
        };
    }

    private static MeasurementResult Pending(string name, string why) =>
        new() { Name = name, Load = "—", Pending = true, Notes = "pending: " + why };

    private static Batch Build(string tag, IReadOnlyList<Sender> targets, IReadOnlyDictionary<string, Guid> conversations, int count)
    {
        var batch = new Batch(count);
        for (var i = 0; i < count; i++)
        {
            var customer = targets[i % targets.Count];
            batch.Paths[i] = $"/sandbox/conversations/{conversations[customer.WaId]}/agent-messages";
            batch.Bodies[i] = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"Agent reply {tag}.{i}: your order ships tomorrow, thank you for waiting."),
            });
        }
        return batch;
    }

    private async Task<(OpenLoopResult Loop, long Errors)> SendAsync(HttpClient genesys, Batch batch, int rate, CancellationToken cancellationToken)
    {
        long errors = 0;
        var loop = await OpenLoop.RunAsync(rate, batch.Count, options.Connections, async index =>
        {
            var i = (int)index;
            using var request = new HttpRequestMessage(HttpMethod.Post, batch.Paths[i]) { Content = new ByteArrayContent(batch.Bodies[i]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            batch.SentTicks[i] = DateTime.UtcNow.Ticks;
            using var response = await genesys.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref errors);
            }
        }, cancellationToken);
        return (loop, Interlocked.Read(ref errors));
    }

    private static async Task<long> AcceptedAsync(HttpClient meta, CancellationToken cancellationToken) =>
        (await meta.GetFromJsonAsync<JsonElement>("/sandbox/stats", cancellationToken)).GetProperty("messagesAccepted").GetInt64();

    /// <summary>Waits until the Meta sandbox accepted <paramref name="target"/> sends in all, or nothing moved for <paramref name="stall"/>.</summary>
    private async Task<long> WaitForAcceptedAsync(HttpClient meta, long target, TimeSpan stall, CancellationToken cancellationToken)
    {
        var last = -1L;
        var lastChange = DateTime.UtcNow;
        var lastReport = DateTime.UtcNow;
        while (true)
        {
            var accepted = await AcceptedAsync(meta, cancellationToken);
            if (accepted >= target)
            {
                return accepted;
            }
            if (accepted != last)
            {
                (last, lastChange) = (accepted, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastChange > stall)
            {
                return accepted;
            }
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                log($"  Meta accepted {accepted}/{target}");
                lastReport = DateTime.UtcNow;
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    [GeneratedRegex(@"^Agent reply ([0-9a-z]+)\.(\d+):")]
    private static partial Regex ReplyToken();

    private sealed record MetaOutbound(string Wamid, DateTimeOffset AcceptedAt, JsonElement Body);

    private sealed class Batch(int count)
    {
        public int Count { get; } = count;
        public string[] Paths { get; } = new string[count];
        public byte[][] Bodies { get; } = new byte[count][];
        public long[] SentTicks { get; } = new long[count];
    }
}
