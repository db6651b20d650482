using System.Globalization;

namespace WhatsAppGenesys.Benchmarks;

/// <summary>
/// Command-line options (<c>dotnet run --project Benchmarks -c Release -- --duration 10</c>). The defaults are the full
/// run of issue 8: every measurement sustained for 60 s, 1,000 tenants and 100,000 known conversations.
/// </summary>
public sealed record BenchmarkOptions
{
    /// <summary>Seconds each measurement is sustained.</summary>
    public int DurationSeconds { get; init; } = 60;

    /// <summary>Signed webhooks offered per second straight to the whatsapp-webhook service.</summary>
    public int WebhookRate { get; init; } = 1500;

    /// <summary>Customer messages offered per second at the Meta sandbox (inbound end to end).</summary>
    public int InboundRate { get; init; } = 500;

    /// <summary>
    /// The rate of the latency runs (single tenant, 1,000 tenants, two replicas). Default: 70 % of what the
    /// single-tenant run delivered at <see cref="InboundRate"/>, rounded down to ten, so latency is measured below
    /// saturation and every comparison runs at the same rate.
    /// </summary>
    public int? SustainableRate { get; init; }

    /// <summary>
    /// Agent messages offered per second at the Genesys sandbox (outbound end to end). Default: 30 % of the sustained
    /// inbound rate, because a reply costs about 3.5 inbound messages of CPU (measured: the reply itself plus the three
    /// status webhooks Meta sends back for it), so this offers the machine the same load as the sustained inbound run.
    /// </summary>
    public int? OutboundRate { get; init; }

    /// <summary>Customer messages per second during the push phase (an agent's hub connection timed).</summary>
    public int PushRate { get; init; } = 50;

    /// <summary>Keep-alive connections the load generator opens per target service.</summary>
    public int Connections { get; init; } = 256;

    /// <summary>Concurrent callers of the state manager's cached lookup (a closed loop).</summary>
    public int LookupConcurrency { get; init; } = 64;

    /// <summary>The rotating set of customers the inbound, outbound and ingest runs write as.</summary>
    public int Customers { get; init; } = 1000;

    /// <summary>Tenants of the scaling run, the demo tenant included.</summary>
    public int Tenants { get; init; } = 1000;

    /// <summary>Conversation mappings created before the scaling run (spread evenly over the tenants).</summary>
    public int Conversations { get; init; } = 100_000;

    /// <summary>Recipients of the campaign run (imported as contacts first).</summary>
    public int CampaignRecipients { get; init; } = 100_000;

    /// <summary>The phases to run (all by default): ingest, drain, inbound, outbound, push, lookups, tenants, campaign, replicas.</summary>
    public IReadOnlySet<string> Phases { get; init; } = AllPhases;

    /// <summary>PostgreSQL without fsync (as the tests run). Off by default: a benchmark should pay for durability.</summary>
    public bool FastUnsafeStorage { get; init; }

    /// <summary>
    /// Telemetry to a sink that discards it (<see cref="Measurement.TelemetrySink"/>), as to a collector elsewhere,
    /// instead of to the Aspire dashboard on the same cores as ./run.sh does.
    /// </summary>
    public bool TelemetrySink { get; init; }

    /// <summary>Extra environment for every service (<c>--env NAME=VALUE</c>), for experiments such as GC settings; listed in the report.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Where the report goes, relative to the repository root; null writes nothing.</summary>
    public string? OutputPath { get; init; } = "docs/benchmarks.md";

    public static readonly IReadOnlySet<string> AllPhases =
        new HashSet<string>(["ingest", "drain", "inbound", "outbound", "push", "lookups", "tenants", "campaign", "replicas"], StringComparer.Ordinal);

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    public bool Runs(string phase) => Phases.Contains(phase);

    public const string Usage = """
        Usage: dotnet run --project Benchmarks -c Release [-- options]
          --duration <s>            seconds each measurement is sustained (default 60; 10 for a quick run)
          --webhook-rate <n>        signed webhooks offered per second to whatsapp-webhook (default 1500)
          --inbound-rate <n>        customer messages offered per second at the Meta sandbox (default 500)
          --sustainable-rate <n>    rate of the latency runs (default 70 % of what the 500/s run delivered)
          --outbound-rate <n>       agent messages offered per second at the Genesys sandbox (default 30 % of the sustained rate)
          --connections <n>         keep-alive connections per target (default 256)
          --lookup-concurrency <n>  concurrent state-manager lookups (default 64)
          --customers <n>           rotating customer set (default 1000)
          --tenants <n>             tenants in the scaling run (default 1000)
          --conversations <n>       known conversations in the scaling run (default 100000)
          --campaign-recipients <n> recipients of the campaign run (default 100000; it runs at 80 msg/s)
          --phases <list>           comma-separated subset of: ingest,drain,inbound,outbound,push,lookups,tenants,campaign,replicas
          --push-rate <n>           customer messages per second while an agent's hub connection is timed (default 50)
          --fast-storage            PostgreSQL without fsync, as the tests run
          --telemetry-sink          services export to a sink in the load generator that discards it, not to the Aspire dashboard
          --env NAME=VALUE          extra environment variable for every service (repeatable; e.g. GC experiments)
          --output <path>           report file relative to the repository root (default docs/benchmarks.md)
          --no-output               print only
        """;

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} needs a positive whole number.");

            options = name switch
            {
                "--duration" => options with { DurationSeconds = Number() },
                "--webhook-rate" => options with { WebhookRate = Number() },
                "--inbound-rate" => options with { InboundRate = Number() },
                "--sustainable-rate" => options with { SustainableRate = Number() },
                "--outbound-rate" => options with { OutboundRate = Number() },
                "--push-rate" => options with { PushRate = Number() },
                "--connections" => options with { Connections = Number() },
                "--lookup-concurrency" => options with { LookupConcurrency = Number() },
                "--customers" => options with { Customers = Number() },
                "--tenants" => options with { Tenants = Number() },
                "--conversations" => options with { Conversations = Number() },
                "--campaign-recipients" => options with { CampaignRecipients = Number() },
                "--phases" => options with { Phases = ParsePhases(Value()) },
                "--fast-storage" => options with { FastUnsafeStorage = true },
                "--telemetry-sink" => options with { TelemetrySink = true },
                "--env" => Value().Split('=', 2) is [{ Length: > 0 } key, var value]
                    ? options with { Environment = [.. options.Environment, new(key, value)] }
                    : throw new ArgumentException("--env needs NAME=VALUE."),
                "--output" => options with { OutputPath = Value() },
                "--no-output" => options with { OutputPath = null },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (options.Customers > 9_999)
        {
            throw new ArgumentException("--customers is at most 9999 (customer numbers are built from it).");
        }
        if (options.Tenants > 9_999 || options.Conversations / options.Tenants > 999)
        {
            throw new ArgumentException("--tenants is at most 9999 and --conversations at most 999 per tenant.");
        }
        return options;
    }

    private static HashSet<string> ParsePhases(string list)
    {
        var phases = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = phases.Except(AllPhases).ToList();
        return unknown.Count == 0 ? phases : throw new ArgumentException($"Unknown phase(s): {string.Join(", ", unknown)}.");
    }
}
