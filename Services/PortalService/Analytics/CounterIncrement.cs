namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>An amount to add to one figure of one tenant, in the UTC hour <see cref="At"/> falls in.</summary>
public sealed record CounterIncrement(string TenantId, DateTimeOffset At, string Metric, string Dimension, long Value)
{
    /// <summary>The UTC hour this increment lands in.</summary>
    public DateTimeOffset BucketStart => AnalyticsPeriods.HourOf(At);
}
