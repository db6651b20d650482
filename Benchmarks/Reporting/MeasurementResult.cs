using WhatsAppGenesys.Benchmarks.Load;
using WhatsAppGenesys.Benchmarks.Measurement;

namespace WhatsAppGenesys.Benchmarks.Reporting;

/// <summary>One row of the results table, with the CPU each process spent on it for the "where the time goes" part.</summary>
public sealed record MeasurementResult
{
    public required string Name { get; init; }

    /// <summary>What was offered, e.g. "open loop 500/s × 60 s".</summary>
    public required string Load { get; init; }

    /// <summary>Sustained completions per second over the measurement.</summary>
    public double Rate { get; init; }

    /// <summary>The slowest whole second's completions (an average can hide a stall).</summary>
    public int? WorstSecond { get; init; }

    public LatencySummary? Latency { get; init; }

    /// <summary>Messages (or requests) that completed and were measured.</summary>
    public long Completed { get; init; }

    public long? Lost { get; init; }

    public long? Duplicates { get; init; }

    /// <summary>Answers other than success, and requests that failed outright.</summary>
    public long Errors { get; init; }

    /// <summary>The floor of issue 8 this row is judged against, e.g. "≥ 1,000/s" (empty when none applies).</summary>
    public string Floor { get; init; } = "";

    public bool? MeetsFloor { get; init; }

    public string Notes { get; init; } = "";

    public CpuUsage? Cpu { get; init; }

    /// <summary>Not measured, with the reason in <see cref="Notes"/> (e.g. the outbound pipeline not on main yet).</summary>
    public bool Pending { get; init; }
}
