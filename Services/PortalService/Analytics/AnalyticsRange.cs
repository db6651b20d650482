using System.Globalization;

namespace WhatsAppGenesys.PortalService.Analytics;

/// <summary>
/// A report's range in whole periods: <see cref="From"/> rounded down and <see cref="To"/> rounded up to the
/// period (UTC hour or day), so every period in it is complete.
/// </summary>
public sealed record AnalyticsRange(DateTimeOffset From, DateTimeOffset To, string Granularity)
{
    /// <summary>At most 31 days of hours (744 rows of a CSV per figure) or 366 days.</summary>
    public static readonly TimeSpan MaxHourlyRange = TimeSpan.FromDays(31);
    public static readonly TimeSpan MaxDailyRange = TimeSpan.FromDays(366);

    /// <summary>
    /// Reads <c>from</c>, <c>to</c> (ISO 8601; a date alone is midnight UTC; default: the last 24 hours, or 30 days
    /// by day) and <c>granularity</c> (hour, the default, or day). Bad values are added to <paramref name="errors"/> by field.
    /// </summary>
    public static AnalyticsRange? TryRead(string? from, string? to, string? granularity, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var unit = string.IsNullOrEmpty(granularity) ? AnalyticsPeriods.Hour : granularity.Trim().ToLowerInvariant();
        if (unit is not (AnalyticsPeriods.Hour or AnalyticsPeriods.Day))
        {
            errors["granularity"] = ["hour or day."];
            unit = AnalyticsPeriods.Hour;
        }
        var end = Instant("to", to, errors) ?? now;
        var start = Instant("from", from, errors) ?? end - (unit == AnalyticsPeriods.Day ? TimeSpan.FromDays(30) : TimeSpan.FromDays(1));
        if (errors.Count > 0)
        {
            return null;
        }
        if (start >= end)
        {
            errors["to"] = ["Must be later than from."];
            return null;
        }
        var range = new AnalyticsRange(AnalyticsPeriods.StartOf(start, unit), RoundUp(end, unit), unit);
        var limit = unit == AnalyticsPeriods.Day ? MaxDailyRange : MaxHourlyRange;
        if (range.To - range.From > limit)
        {
            errors["to"] = [$"At most {limit.TotalDays:0} days after from with granularity {unit}."];
            return null;
        }
        return range;
    }

    private static DateTimeOffset RoundUp(DateTimeOffset at, string granularity)
    {
        var start = AnalyticsPeriods.StartOf(at, granularity);
        return start == at.ToUniversalTime() ? start : start + AnalyticsPeriods.LengthOf(granularity);
    }

    private static DateTimeOffset? Instant(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant.ToUniversalTime();
        }
        errors[field] = ["An ISO 8601 date or date-time, e.g. 2026-03-25 or 2026-03-25T13:00:00Z."];
        return null;
    }
}
