namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>Hours and days in UTC: figures are kept per hour; a day is the sum of its 24 hours.</summary>
public static class AnalyticsPeriods
{
    public const string Hour = "hour";
    public const string Day = "day";

    /// <summary>The start of the UTC hour <paramref name="at"/> falls in (whatever offset it was given with).</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The start of the UTC hour or day <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset at, string granularity)
    {
        var hour = HourOf(at);
        return granularity == Day ? new DateTimeOffset(hour.Year, hour.Month, hour.Day, 0, 0, 0, TimeSpan.Zero) : hour;
    }

    public static TimeSpan LengthOf(string granularity) => granularity == Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);

    /// <summary>Every period from the one holding <paramref name="from"/> up to the last one starting before <paramref name="to"/>.</summary>
    public static IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to, string granularity)
    {
        var length = LengthOf(granularity);
        for (var start = StartOf(from, granularity); start < to; start += length)
        {
            yield return start;
        }
    }
}
