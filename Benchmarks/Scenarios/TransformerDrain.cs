using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// The inbound transformer's own throughput (target: 500 msg/s, docs/benchmarks.md): with the transformer stopped, a
/// backlog of signed webhooks is queued through whatsapp-webhook; then the transformer starts and works it off while
/// nothing else runs. The rate is backlog ÷ (last − first arrival at the Genesys sandbox), so webhook ingest, the Meta
/// sandbox and the load generator — a third of every end-to-end message's CPU — are out of the measurement, while the
/// state manager, PostgreSQL, Redis, RabbitMQ, the Genesys API service and the Genesys sandbox are in it.
/// </summary>
public sealed class TransformerDrain(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    /// <param name="customers">Customers whose conversations exist already (the inbound runs' own).</param>
    public async Task<MeasurementResult> RunAsync(IReadOnlyList<Sender> customers, CancellationToken cancellationToken)
    {
        var count = options.InboundRate * options.DurationSeconds;
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var wamids = new string[count];

        await using var feed = await GenesysInboundFeed.FollowAsync(system.Client(ServiceNames.GenesysSandbox), cancellationToken);
        await system.App.StopResourceAsync(ServiceNames.InboundTransformer);
        log($"transformer drain: queueing {count} messages from {customers.Count} customers with the inbound transformer stopped");
        using var webhook = LoadClients.Create(system.Endpoint(ServiceNames.WhatsAppWebhook), options.Connections);
        long refused = 0;
        var queueing = Stopwatch.StartNew();
        var loop = await OpenLoop.RunAsync(options.WebhookRate, count, options.Connections, async index =>
        {
            var i = (int)index;
            wamids[i] = $"wamid.drain.{tag}.{i}";
            var body = Encoding.UTF8.GetBytes(WebhookIngest.TextWebhook(customers[i % customers.Count], wamids[i], timestamp, $"Backlog message {i}: is my order on its way?"));
            if (await WebhookIngest.PostSignedAsync(webhook, body, WebhookSignatures.SignMeta(body, Sender.DemoAppSecret), cancellationToken) != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref refused);
            }
        }, cancellationToken);
        log($"  queued in {queueing.Elapsed.TotalSeconds:0} s ({Interlocked.Read(ref refused) + loop.Failures} refused); starting the inbound transformer");

        var before = ProcessMeter.Snapshot(system.App);
        await system.App.StartResourceAsync(ServiceNames.InboundTransformer, cancellationToken);
        await feed.WaitForAsync(wamids, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(20), n => log($"  delivered {n}/{count}"), cancellationToken);
        var after = ProcessMeter.Snapshot(system.App);

        long lost = 0, duplicates = 0;
        DateTime? first = null, last = null;
        var arrivals = new List<DateTime>(count);
        foreach (var wamid in wamids)
        {
            var occurrences = feed.Occurrences(wamid);
            lost += occurrences.Count == 0 ? 1 : 0;
            duplicates += Math.Max(0, occurrences.Count - 1);
            if (occurrences.Count > 0)
            {
                var received = occurrences[0].ReceivedAt.UtcDateTime;
                arrivals.Add(received);
                first = first is null || received < first ? received : first;
                last = last is null || received > last ? received : last;
            }
        }
        var rate = arrivals.Count / Math.Max(1e-3, ((last ?? DateTime.UtcNow) - (first ?? DateTime.UtcNow)).TotalSeconds);
        var worst = arrivals.Count == 0 ? 0 : arrivals.GroupBy(a => (long)(a - first!.Value).TotalSeconds)
            .Where(g => g.Key < (long)(last!.Value - first!.Value).TotalSeconds).Select(g => g.Count()).DefaultIfEmpty(arrivals.Count).Min();
        var errors = Interlocked.Read(ref refused) + loop.Failures;
        log($"  {arrivals.Count} delivered at {rate:0} msg/s, lost {lost}, duplicated {duplicates}");
        return new MeasurementResult
        {
            Name = "Inbound transformer, draining a backlog",
            Load = $"{count:N0} queued messages, {customers.Count:N0} customers",
            Rate = rate,
            WorstSecond = worst,
            Completed = arrivals.Count,
            Lost = lost,
            Duplicates = duplicates,
            Errors = errors,
            Floor = "≥ 500/s",
            MeetsFloor = rate >= 500 && lost == 0 && duplicates == 0 && errors == 0,
            Notes = "backlog queued through whatsapp-webhook with the transformer stopped, then worked off with nothing else running, "
                + "by the inbound runs' customers; no latency (every message waited for the start); CPU includes the transformer's start-up",
            Cpu = after.Since(before),
        };
    }
}
