using System.Diagnostics;
using WhatsAppGenesys.Benchmarks.Measurement;
using WhatsAppGenesys.Benchmarks.Reporting;
using WhatsAppGenesys.Benchmarks.Scenarios;

namespace WhatsAppGenesys.Benchmarks;

/// <summary>
/// The whole run, in an order where each phase leaves what the next needs: on one system (one inbound transformer)
/// webhook ingest; inbound end to end with one tenant, first offered at the floor's 500/s (what does it deliver?),
/// then at a rate it sustains (what latency?); the inbound transformer working off a queued backlog; outbound answering those customers; state lookups on them; then 1,000
/// tenants and 100,000 conversations and the sustained inbound run again, and a 100,000-recipient campaign. Finally a second system with two inbound
/// transformer replicas for the same sustained single-tenant run.
/// </summary>
public sealed class BenchmarkRun(BenchmarkOptions options, Action<string> log)
{
    private const int InboundSeries = 10;
    // A .NET process keeps re-compiling its hot methods with full optimisation (tiered compilation) for a couple of
    // minutes after it starts, timers and health checks included: at 60 s that background JIT was still most of an
    // idle service's CPU (20 of 25 ms/s), at three minutes it is gone.
    private static readonly TimeSpan IdleSettle = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    private int _sustainableRate;

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _sustainableRate = options.SustainableRate ?? options.InboundRate;
        var report = new BenchmarkReport { Machine = MachineInfo.Read(), Options = options, LoadBefore = MachineInfo.LoadAverage() };
        log($"load average before: {report.LoadBefore}");

        var mainPhases = new[] { "ingest", "drain", "inbound", "outbound", "push", "lookups", "tenants", "campaign" };
        if (mainPhases.Any(options.Runs))
        {
            log("starting the system (one inbound transformer)");
            await using var system = await RunningSystem.StartAsync(options, inboundReplicas: 1, cancellationToken);
            // Right after start-up the processes still compile code, fill caches and run first health checks: read
            // the idle background once that has settled, as a system that has been up for a while runs.
            log($"started in {clock.Elapsed.TotalSeconds:0} s; letting it settle for {IdleSettle.TotalSeconds:0} s, then measuring the idle background for {IdleWindow.TotalSeconds:0} s");
            await Task.Delay(IdleSettle, cancellationToken);
            var idleFrom = ProcessMeter.Snapshot(system.App);
            await Task.Delay(IdleWindow, cancellationToken);
            report.Idle = ProcessMeter.Snapshot(system.App).Since(idleFrom);
            await RunMainPhasesAsync(system, report, cancellationToken);
            report.EndOfRun = ProcessMeter.Snapshot(system.App);
            if (system.Telemetry is { } telemetry)
            {
                report.Notes.Add(FormattableString.Invariant(
                    $"Telemetry went over OTLP/HTTP to a sink in the load generator that discards it (--telemetry-sink), not to the Aspire dashboard: {telemetry.Exports:N0} exports, {telemetry.Bytes / 1048576.0:0} MB."));
            }
            log("stopping the system");
        }

        if (options.Runs("replicas"))
        {
            log("starting the system again with two inbound transformer replicas");
            await using var system = await RunningSystem.StartAsync(options, inboundReplicas: 2, cancellationToken);
            var inbound = new InboundEndToEnd(system, options, log);
            var customers = Sender.DemoCustomers(InboundSeries, options.Customers);
            // The same two runs as on the first system, so the second compares with a database that has seen traffic
            // (statistics, caches, prepared statements) and not with a cold one.
            var atFloor = await inbound.RunAsync("Inbound e2e, 1 tenant, 2 transformer replicas, at the floor rate", customers, options.InboundRate,
                InboundFloor.Throughput, "a fresh system with two inbound transformer replicas; offered at the floor rate whatever the latency", cancellationToken);
            report.Results.Add(atFloor.Result);
            var outcome = await inbound.RunAsync("Inbound e2e, 1 tenant, 2 transformer replicas", customers,
                _sustainableRate, InboundFloor.Latency, "same customers and rate as the single-replica run", cancellationToken);
            report.Results.Add(outcome.Result);
            report.EndOfReplicaRun = ProcessMeter.Snapshot(system.App);
            log("stopping the system");
        }

        report.LoadAfter = MachineInfo.LoadAverage();
        report.Took = clock.Elapsed;
        return report;
    }

    private async Task RunMainPhasesAsync(RunningSystem system, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var customers = Sender.DemoCustomers(InboundSeries, options.Customers);
        var inbound = new InboundEndToEnd(system, options, log);
        IReadOnlyDictionary<string, Guid>? conversations = null;

        if (options.Runs("ingest"))
        {
            report.Results.Add(await new WebhookIngest(system, options, log).RunAsync(cancellationToken));
        }
        if (options.Runs("inbound"))
        {
            var atFloor = await inbound.RunAsync("Inbound e2e, 1 tenant, at the floor rate", customers, options.InboundRate, InboundFloor.Throughput,
                "one inbound transformer; offered at the floor rate whatever the latency", cancellationToken);
            report.Results.Add(atFloor.Result);
            _sustainableRate = options.SustainableRate ?? Math.Max(10, (int)(atFloor.Result.Rate * 0.7) / 10 * 10);
            var sustained = await inbound.RunAsync("Inbound e2e, 1 tenant", customers, _sustainableRate, InboundFloor.Latency,
                $"one inbound transformer; offered at {(options.SustainableRate is null ? "70 % of the rate delivered above" : "--sustainable-rate")}", cancellationToken);
            report.Results.Add(sustained.Result);
            conversations = sustained.Conversations;
        }
        if (options.Runs("drain"))
        {
            // After the inbound runs, so the customers' conversations exist and the services are warm: what is
            // measured is the steady work per message, not first contacts and JIT.
            report.Results.Add(await new TransformerDrain(system, options, log).RunAsync(customers, cancellationToken));
        }
        if (options.Runs("outbound"))
        {
            conversations ??= await inbound.OpenConversationsAsync(customers, cancellationToken);
            var rate = options.OutboundRate ?? Math.Max(10, (int)(_sustainableRate * 0.3) / 10 * 10);
            report.Results.Add(await new OutboundEndToEnd(system, options, log).RunAsync(customers, conversations, rate, cancellationToken));
        }
        if (options.Runs("push"))
        {
            report.Results.Add(await new AgentPush(system, options, log).RunAsync(customers, options.PushRate, cancellationToken));
        }
        if (options.Runs("lookups"))
        {
            report.Results.Add(await new StateLookups(system, options, log).RunAsync(customers, cancellationToken));
        }
        if (options.Runs("tenants"))
        {
            var fleet = await new TenantFleet(system, options, log).CreateAsync(cancellationToken);
            var outcome = await inbound.RunAsync($"Inbound e2e, {fleet.Tenants:N0} tenants, {fleet.Conversations / 1000.0:0}k conversations", fleet.ActiveSenders,
                _sustainableRate, InboundFloor.Latency, $"{fleet.Tenants - 1:N0} tenants registered in {fleet.TenantsTook.TotalSeconds:0} s through the APIs; {fleet.Conversations:N0} conversation mappings " +
                $"inserted straight into statedb in {fleet.ConversationsTook.TotalSeconds:0.0} s (cold in Redis); {fleet.ActiveSenders.Count:N0} of them write, round-robin over every tenant",
                cancellationToken);
            report.Results.Add(outcome.Result);
        }
        if (options.Runs("campaign"))
        {
            // Last on this system: its status webhooks and 100,000 contacts should not weigh on the inbound rows.
            report.Results.Add(await new CampaignRun(system, options, log).RunAsync(cancellationToken));
        }
    }
}
