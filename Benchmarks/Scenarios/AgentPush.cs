using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using WhatsAppGenesys.AppHostTesting;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// Live push to the agent portal: an agent of the demo tenant, signed in with Genesys (the simulator's login, over
/// HTTP), holds a connection to the portal service's hub while customers write at the Meta sandbox. Each message is
/// timed from our send clock to the moment the hub's <c>MessageRecorded</c> push for it arrives, which spans the whole
/// way: Meta's webhook, the inbound pipeline, Genesys, the history pipeline and the hub. The target is under a second.
/// </summary>
public sealed partial class AgentPush(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    private const string DemoGenesysClient = "sandbox-genesys-client";

    public async Task<MeasurementResult> RunAsync(IReadOnlyList<Sender> customers, int rate, CancellationToken cancellationToken)
    {
        const string name = "Agent portal live push (customer → hub)";
        var token = await SignInAgentAsync(cancellationToken);
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var count = rate * options.DurationSeconds;
        var sentTicks = new long[count];
        var pushes = new ConcurrentDictionary<int, int>();
        var recorder = new LatencyRecorder(DateTime.UtcNow, count);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(system.Endpoint(ServiceNames.PortalService), AgentHub.Path),
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<AgentMessage>(AgentHub.MessageRecorded, message =>
        {
            var arrived = DateTime.UtcNow;
            if (message.Text is { } text && PushToken().Match(text) is { Success: true } match && match.Groups[1].Value == tag)
            {
                var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                if (index < count && pushes.AddOrUpdate(index, 1, (_, n) => n + 1) == 1 && Volatile.Read(ref sentTicks[index]) is > 0 and var sent)
                {
                    recorder.Record(arrived - new DateTime(sent, DateTimeKind.Utc), arrived);
                }
            }
        });
        await hub.StartAsync(cancellationToken);

        using var meta = LoadClients.Create(system.Endpoint(ServiceNames.MetaSandbox), options.Connections);
        // Every service compiles its hot paths (and fills its caches) on the first messages: those are not what an agent
        // working on a running system sees. A minute of traffic at the same rate first, not timed.
        var warmUp = rate * 60;
        log($"push: warming up with {warmUp} customer messages at {rate}/s, not timed");
        await SendAsync(meta, customers, $"w{tag}", warmUp, rate, ticks: null, cancellationToken);
        await system.WaitForPipelinesDrainedAsync(TimeSpan.FromMinutes(2), cancellationToken);

        log($"push: {rate}/s for {options.DurationSeconds} s ({count} customer messages) with an agent's hub connection open");
        var before = ProcessMeter.Snapshot(system.App);
        var (loop, errors) = await SendAsync(meta, customers, tag, count, rate, sentTicks, cancellationToken);
        log($"  sent in {loop.SendingTook.TotalSeconds:0.0} s, waiting for the pushes");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (pushes.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, cancellationToken);
        }
        await system.WaitForPipelinesDrainedAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var after = ProcessMeter.Snapshot(system.App);

        var latency = recorder.Summarize();
        var lost = count - pushes.Count;
        var duplicates = pushes.Values.Sum(n => n - 1);
        log($"  {latency.Count} pushed, p50 {latency.P50:0} ms, p99 {latency.P99:0} ms, max {latency.Max:0} ms, missing {lost}, repeated {duplicates}");
        return new MeasurementResult
        {
            Name = name,
            Load = $"open loop {rate}/s × {options.DurationSeconds} s, {customers.Count:N0} customers, 1 hub connection",
            Rate = latency.Count / Math.Max(1e-3, options.DurationSeconds),
            WorstSecond = latency.WorstSecond(options.DurationSeconds),
            Latency = latency,
            Completed = latency.Count,
            Lost = lost,
            Duplicates = duplicates,
            Errors = errors + (count - loop.Offered),
            Floor = "p99 < 1 s",
            MeetsFloor = latency.P99 < 1000 && lost == 0 && duplicates == 0,
            Notes = "from the customer's send at the Meta sandbox to the hub's push; the push follows the history pipeline, after Genesys has the message",
            Cpu = after.Since(before),
        };
    }

    private async Task<(OpenLoopResult Loop, long Errors)> SendAsync(HttpClient meta, IReadOnlyList<Sender> customers, string tag, int count, int rate,
        long[]? ticks, CancellationToken cancellationToken)
    {
        long errors = 0;
        var loop = await OpenLoop.RunAsync(rate, count, options.Connections, async index =>
        {
            var i = (int)index;
            var sender = customers[i % customers.Count];
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["type"] = "text",
                ["text"] = string.Create(CultureInfo.InvariantCulture, $"Is my order ready? (push {tag} {i})"),
                ["profileName"] = sender.ProfileName,
                ["phoneNumberId"] = sender.PhoneNumberId,
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/customers/{sender.WaId}/messages") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (ticks is not null)
            {
                Volatile.Write(ref ticks[i], DateTime.UtcNow.Ticks);
            }
            using var response = await meta.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref errors);
            }
        }, cancellationToken);
        return (loop, Interlocked.Read(ref errors));
    }

    // A user of the demo tenant's Genesys organization, created at the simulator as its administrator would.
    private async Task<string> SignInAgentAsync(CancellationToken ct)
    {
        var genesys = system.Client(ServiceNames.GenesysSandbox);
        var organizations = await genesys.GetFromJsonAsync<JsonArray>("/sandbox/organizations", ct);
        var organization = organizations!.Single(o => o!["clientIds"]!.AsArray().Any(c => c!.GetValue<string>() == DemoGenesysClient))!["id"]!.GetValue<string>();
        var userId = Guid.NewGuid().ToString();
        using (var user = await genesys.PutAsJsonAsync($"/sandbox/organizations/{organization}/users/{userId}",
                   new { name = "Bench Agent", email = "bench.agent@example.com", roles = new[] { "Communicate - Agent" }, state = "active" }, ct))
        {
            user.EnsureSuccessStatusCode();
        }
        var callback = new Uri(system.Endpoint(ServiceNames.AgentPortal), "/signin/callback").ToString();
        return await AgentSignIn.SignInAsync(system.Client(ServiceNames.PortalService), Sender.DemoTenant, callback, userId, ct);
    }

    [GeneratedRegex(@"\(push (w?[0-9a-f]+) (\d+)\)")]
    private static partial Regex PushToken();
}
