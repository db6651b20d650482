namespace WhatsAppGenesys.Benchmarks.Load;

/// <summary>
/// Every latency sample of a measurement (a few hundred thousand at most, so keeping them all is cheaper and exact
/// compared with a histogram) and completions per second since the measurement started.
/// </summary>
public sealed class LatencyRecorder(DateTime startUtc, int expected = 100_000)
{
    private readonly Lock _gate = new();
    private readonly List<double> _milliseconds = new(expected);
    private readonly Dictionary<long, int> _perSecond = [];

    public DateTime StartUtc { get; } = startUtc;

    public int Count
    {
        get { lock (_gate) { return _milliseconds.Count; } }
    }

    /// <summary>One completion at <paramref name="completedUtc"/> that took <paramref name="latency"/>.</summary>
    public void Record(TimeSpan latency, DateTime completedUtc)
    {
        var second = (long)Math.Floor((completedUtc - StartUtc).TotalSeconds);
        lock (_gate)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
            _perSecond[second] = _perSecond.GetValueOrDefault(second) + 1;
        }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        Dictionary<long, int> perSecond;
        lock (_gate)
        {
            sorted = [.. _milliseconds];
            perSecond = new Dictionary<long, int>(_perSecond);
        }
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1], perSecond);
    }

    // Nearest-rank: the smallest sample with at least p of all samples at or below it.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, IReadOnlyDictionary<long, int> PerSecond)
{
    /// <summary>The slowest whole second inside [0, seconds): the "sustained" check, since an average hides stalls.</summary>
    public int WorstSecond(int seconds) =>
        seconds <= 2 ? 0 : Enumerable.Range(1, seconds - 2).Min(s => PerSecond.GetValueOrDefault(s));
}
