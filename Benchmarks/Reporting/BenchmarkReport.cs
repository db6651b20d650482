using WhatsAppGenesys.Benchmarks.Measurement;

namespace WhatsAppGenesys.Benchmarks.Reporting;

/// <summary>Everything one run produced: the machine, what ran, each measurement and the processes at the end.</summary>
public sealed record BenchmarkReport
{
    public required MachineInfo Machine { get; init; }

    public required BenchmarkOptions Options { get; init; }

    public required string LoadBefore { get; init; }

    public string LoadAfter { get; set; } = "";

    public TimeSpan Took { get; set; }

    public string BuildConfiguration { get; init; } =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public List<MeasurementResult> Results { get; } = [];

    /// <summary>CPU of the main run's processes while nothing was sent (health probes, timers, pollers).</summary>
    public CpuUsage? Idle { get; set; }

    /// <summary>Every process of the main run at its end (after every phase but the replica run).</summary>
    public ProcessSnapshot? EndOfRun { get; set; }

    /// <summary>The two-replica run's processes at its end.</summary>
    public ProcessSnapshot? EndOfReplicaRun { get; set; }

    public List<string> Notes { get; } = [];
}
