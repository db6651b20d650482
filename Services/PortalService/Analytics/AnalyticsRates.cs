namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>The arithmetic of rates and averages: nothing to divide by is "no figure" (null), never 0 or NaN.</summary>
public static class AnalyticsRates
{
    /// <summary><paramref name="part"/> as a share of <paramref name="whole"/> (0–1, four decimals); null when the whole is 0.</summary>
    public static double? Share(long part, long whole) => whole <= 0 ? null : Math.Round((double)part / whole, 4, MidpointRounding.AwayFromZero);

    /// <summary>An average in seconds (millisecond precision) of a sum of milliseconds over a count; null when the count is 0.</summary>
    public static double? AverageSeconds(long sumMilliseconds, long count) =>
        count <= 0 ? null : Math.Round(sumMilliseconds / 1000.0 / count, 3, MidpointRounding.AwayFromZero);
}
