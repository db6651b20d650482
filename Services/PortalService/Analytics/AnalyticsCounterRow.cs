namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// One figure of one tenant for one UTC hour (table <c>analytics_counters</c>): a count, or a sum of milliseconds,
/// named by <see cref="Metric"/> and split by <see cref="Dimension"/> (a message type, a Meta error code, a campaign
/// id; empty when the metric has no split). Rows are only ever added to, in the transaction that stored what they
/// count, so a dashboard reads a period's figures from at most (hours × metrics) rows, never from the messages.
/// </summary>
public sealed class AnalyticsCounterRow
{
    public required string TenantId { get; set; }

    /// <summary>The start of the UTC hour the figure belongs to.</summary>
    public DateTimeOffset BucketStart { get; set; }

    public required string Metric { get; set; }

    public required string Dimension { get; set; }

    /// <summary>
    /// Which of the figure's rows this is: a figure is spread over <see cref="AnalyticsCounters.Shards"/> rows, so
    /// concurrent transactions adding to it seldom wait for each other's commit. A reader adds them up.
    /// </summary>
    public short Shard { get; set; }

    public long Value { get; set; }
}
