using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// Webhook ingest: Meta's text-message webhooks, signed with the demo app secret, posted straight to whatsapp-webhook
/// at a fixed rate over many keep-alive connections. A 200 means archived in S3 and confirmed by RabbitMQ, so this
/// is the ingest path alone: the inbound transformer is stopped meanwhile (the 2-core box would otherwise split
/// itself between ingest and a backlog), and what was queued is purged before it starts again.
/// </summary>
public sealed class WebhookIngest(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    public async Task<MeasurementResult> RunAsync(CancellationToken cancellationToken)
    {
        var count = options.WebhookRate * options.DurationSeconds;
        var customers = Sender.DemoCustomers(series: 20, options.Customers);
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bodies = new byte[count][];
        var signatures = new string[count];
        for (var i = 0; i < count; i++)
        {
            var customer = customers[i % customers.Count];
            bodies[i] = Encoding.UTF8.GetBytes(TextWebhook(customer, $"wamid.ingest.{tag}.{i}", timestamp, $"Ingest message {i}: where is my parcel?"));
            signatures[i] = WebhookSignatures.SignMeta(bodies[i], Sender.DemoAppSecret);
        }

        await system.App.StopResourceAsync(ServiceNames.InboundTransformer);
        using var webhook = LoadClients.Create(system.Endpoint(ServiceNames.WhatsAppWebhook), options.Connections);
        long rejected = 0;
        log($"webhook ingest: {options.WebhookRate}/s for {options.DurationSeconds} s ({count} webhooks), inbound transformer stopped");
        var before = ProcessMeter.Snapshot(system.App);
        var started = DateTime.UtcNow;
        var recorder = new LatencyRecorder(started, count);
        var loop = await OpenLoop.RunAsync(options.WebhookRate, count, options.Connections, async index =>
        {
            var i = (int)index;
            var start = Stopwatch.GetTimestamp();
            if (await PostSignedAsync(webhook, bodies[i], signatures[i], cancellationToken) == HttpStatusCode.OK)
            {
                recorder.Record(Stopwatch.GetElapsedTime(start), DateTime.UtcNow);
            }
            else
            {
                Interlocked.Increment(ref rejected);
            }
        }, cancellationToken);
        var after = ProcessMeter.Snapshot(system.App);
        var elapsed = (after.TakenUtc - started).TotalSeconds;

        var purged = await PurgeInboundQueuesAsync();
        log($"  purged {purged} queued events; starting the inbound transformer again");
        await system.App.StartResourceAsync(ServiceNames.InboundTransformer, cancellationToken);

        var latency = recorder.Summarize();
        var rate = latency.Count / elapsed;
        var errors = Interlocked.Read(ref rejected) + loop.Failures;
        log($"  {latency.Count} accepted at {rate:0}/s, p99 {latency.P99:0} ms, {errors} errors");
        return new MeasurementResult
        {
            Name = "Webhook ingest (signed, archived, broker-confirmed)",
            Load = $"open loop {options.WebhookRate}/s × {options.DurationSeconds} s, {options.Connections} connections",
            Rate = rate,
            WorstSecond = latency.WorstSecond(options.DurationSeconds),
            Latency = latency,
            Completed = latency.Count,
            Errors = errors,
            Floor = "≥ 1,000/s",
            MeetsFloor = rate >= 1000 && errors == 0,
            Notes = $"{purged:N0} events queued (then purged), inbound transformer stopped"
                + (loop.MaxLag > TimeSpan.FromSeconds(1) ? $"; generator fell {loop.MaxLag.TotalSeconds:0.0} s behind" : ""),
            Cpu = after.Since(before),
        };
    }

    /// <summary>Posts a body to whatsapp-webhook as Meta does, with its <c>X-Hub-Signature-256</c>; returns the status.</summary>
    public static async Task<HttpStatusCode> PostSignedAsync(HttpClient webhook, byte[] body, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignatures.HeaderName, signature);
        using var response = await webhook.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Meta's webhook for one text message, compact as Meta sends it.</summary>
    public static string TextWebhook(Sender customer, string wamid, string timestamp, string text) =>
        $$"""{"object":"whatsapp_business_account","entry":[{"id":"{{Sender.DemoWabaId}}","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"{{Sender.DemoDisplayPhoneNumber.TrimStart('+')}}","phone_number_id":"{{customer.PhoneNumberId}}"},"contacts":[{"profile":{"name":"{{customer.ProfileName}}"},"wa_id":"{{customer.WaId}}"}],"messages":[{"from":"{{customer.WaId}}","id":"{{wamid}}","timestamp":"{{timestamp}}","text":{"body":"{{text}}"},"type":"text"}]},"field":"messages"}]}]}""";

    /// <summary>Empties the inbound pipeline's work and delay queues: benchmark traffic nobody needs to see delivered.</summary>
    private async Task<long> PurgeInboundQueuesAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(await system.ConnectionStringAsync(ResourceNames.RabbitMQ)) };
        await using var connection = await factory.CreateConnectionAsync();
        long purged = 0;
        for (var partition = 0; partition < 256; partition++)
        {
            var found = false;
            foreach (var queue in new[] { $"{Pipelines.Inbound}.p{partition}", $"{Pipelines.Inbound}.p{partition}.delay" })
            {
                // A passive declare of a missing queue closes the channel: one channel per probe.
                await using var channel = await connection.CreateChannelAsync();
                try
                {
                    await channel.QueueDeclarePassiveAsync(queue);
                }
                catch (OperationInterruptedException)
                {
                    continue;
                }
                found = true;
                purged += await channel.QueuePurgeAsync(queue);
            }
            if (!found)
            {
                break;
            }
        }
        return purged;
    }
}
