using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.Benchmarks.Scenarios;

/// <summary>
/// The state manager's cached lookup (<c>GET /state/mapping/{customerId}</c>, tenant in <c>X-Tenant-ID</c>) on
/// customers it knows, as fast as <see cref="BenchmarkOptions.LookupConcurrency"/> callers can go: a closed loop,
/// because this is a capacity question (how many lookups a second), not an arrival pattern.
/// </summary>
public sealed class StateLookups(RunningSystem system, BenchmarkOptions options, Action<string> log)
{
    public async Task<MeasurementResult> RunAsync(IReadOnlyList<Sender> customers, CancellationToken cancellationToken)
    {
        using var state = LoadClients.Create(system.Endpoint(ServiceNames.StateManager), options.LookupConcurrency);
        state.DefaultRequestHeaders.Add("X-Tenant-ID", Sender.DemoTenant);

        // Make sure every customer is known (and so cached): a no-op for those the inbound run already created.
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            using var response = await state.PostAsJsonAsync("/state/mapping",
                new EnsureMappingRequest(c.WaId, c.WaId, null, c.ProfileName, c.PhoneNumberId, Sender.DemoDisplayPhoneNumber), ct);
            response.EnsureSuccessStatusCode();
        });
        var paths = customers.Select(c => $"/state/mapping/{c.WaId}").ToArray();

        log($"state lookups: {options.LookupConcurrency} concurrent callers for {options.DurationSeconds} s");
        var before = ProcessMeter.Snapshot(system.App);
        var started = DateTime.UtcNow;
        var deadline = Stopwatch.GetTimestamp() + (long)(options.DurationSeconds * (double)Stopwatch.Frequency);
        var recorder = new LatencyRecorder(started, 200_000);
        long errors = 0;
        var workers = Enumerable.Range(0, options.LookupConcurrency).Select(async worker =>
        {
            var buffer = new byte[4096];
            for (var i = worker; Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested; i += options.LookupConcurrency)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await state.GetAsync(paths[i % paths.Length], HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    while (await body.ReadAsync(buffer, cancellationToken) > 0)
                    {
                    }
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        recorder.Record(Stopwatch.GetElapsedTime(start), DateTime.UtcNow);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var after = ProcessMeter.Snapshot(system.App);

        var latency = recorder.Summarize();
        var rate = latency.Count / (after.TakenUtc - started).TotalSeconds;
        log($"  {latency.Count} lookups at {rate:0}/s, p99 {latency.P99:0.0} ms, {errors} errors");
        return new MeasurementResult
        {
            Name = "State manager cached lookups",
            Load = $"closed loop, {options.LookupConcurrency} callers × {options.DurationSeconds} s, {customers.Count:N0} customers",
            Rate = rate,
            WorstSecond = latency.WorstSecond(options.DurationSeconds),
            Latency = latency,
            Completed = latency.Count,
            Errors = Interlocked.Read(ref errors),
            Notes = "Redis read-through cache in front of PostgreSQL",
            Cpu = after.Since(before),
        };
    }
}
