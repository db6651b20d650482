using WhatsAppGenesys.PortalService.Analytics;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>Figures are kept per UTC hour by the message's own time; days are UTC days of 24 hours; ranges are whole periods.</summary>
public class AnalyticsPeriodsTests
{
    [Theory]
    [InlineData("2026-03-25T13:00:00Z", "2026-03-25T13:00:00Z")]
    [InlineData("2026-03-25T13:59:59.999Z", "2026-03-25T13:00:00Z")]
    [InlineData("2026-03-25T14:00:00Z", "2026-03-25T14:00:00Z")]
    // An offset is the same instant: 00:30 in Berlin (+01:00) is 23:30 UTC the day before.
    [InlineData("2026-03-25T00:30:00+01:00", "2026-03-24T23:00:00Z")]
    [InlineData("2026-03-25T13:45:10-05:30", "2026-03-25T19:00:00Z")]
    public void AMessageCountsInTheUtcHourItsProviderTimeFallsIn(string at, string hour)
    {
        var bucket = AnalyticsPeriods.HourOf(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(hour, System.Globalization.CultureInfo.InvariantCulture), bucket);
        Assert.Equal(TimeSpan.Zero, bucket.Offset);
    }

    [Fact]
    public void ADayIsTheUtcDayOfTheHour()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 24, 0, 0, 0, TimeSpan.Zero),
            AnalyticsPeriods.StartOf(new DateTimeOffset(2026, 3, 25, 0, 30, 0, TimeSpan.FromHours(1)), AnalyticsPeriods.Day));
        Assert.Equal(new DateTimeOffset(2026, 3, 25, 0, 0, 0, TimeSpan.Zero),
            AnalyticsPeriods.StartOf(new DateTimeOffset(2026, 3, 25, 23, 59, 59, TimeSpan.Zero), AnalyticsPeriods.Day));
    }

    [Fact]
    public void ARangeIsRoundedOutToWholePeriods()
    {
        var errors = new Dictionary<string, string[]>();

        var hours = AnalyticsRange.TryRead("2026-03-25T13:20:00Z", "2026-03-25T15:00:01Z", "hour", DateTimeOffset.UnixEpoch, errors)!;
        var days = AnalyticsRange.TryRead("2026-03-25T13:20:00Z", "2026-03-26T00:00:00Z", "day", DateTimeOffset.UnixEpoch, errors)!;

        Assert.Empty(errors);
        Assert.Equal((Utc(2026, 3, 25, 13), Utc(2026, 3, 25, 16)), (hours.From, hours.To));
        Assert.Equal((Utc(2026, 3, 25, 0), Utc(2026, 3, 26, 0)), (days.From, days.To));
        Assert.Equal([Utc(2026, 3, 25, 13), Utc(2026, 3, 25, 14), Utc(2026, 3, 25, 15)], AnalyticsPeriods.Between(hours.From, hours.To, AnalyticsPeriods.Hour));
    }

    [Fact]
    public void WithoutARangeTheLastDayOfHoursOrThirtyDaysAreReported()
    {
        var now = new DateTimeOffset(2026, 3, 25, 13, 20, 0, TimeSpan.Zero);

        var hours = AnalyticsRange.TryRead(null, null, null, now, [])!;
        var days = AnalyticsRange.TryRead(null, null, "DAY", now, [])!;

        Assert.Equal((Utc(2026, 3, 24, 13), Utc(2026, 3, 25, 14), "hour"), (hours.From, hours.To, hours.Granularity));
        Assert.Equal((Utc(2026, 2, 23, 0), Utc(2026, 3, 26, 0), "day"), (days.From, days.To, days.Granularity));
    }

    [Theory]
    [InlineData("2026-03-25", "2026-03-24", "hour", "to")]
    [InlineData("2026-03-25", "2026-03-25", "hour", "to")]
    [InlineData("2026-01-01", "2026-02-02", "hour", "to")]
    [InlineData("2025-01-01", "2026-02-02", "day", "to")]
    [InlineData("yesterday", "2026-03-25", "hour", "from")]
    [InlineData("2026-03-24", "soon", "hour", "to")]
    [InlineData("2026-03-24", "2026-03-25", "week", "granularity")]
    public void BadRangesNameTheirField(string from, string to, string granularity, string field)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(AnalyticsRange.TryRead(from, to, granularity, DateTimeOffset.UnixEpoch, errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void TheLongestRangesAreAllowed()
    {
        Assert.NotNull(AnalyticsRange.TryRead("2026-01-01", "2026-02-01", "hour", DateTimeOffset.UnixEpoch, []));
        Assert.NotNull(AnalyticsRange.TryRead("2025-01-01", "2026-01-02", "day", DateTimeOffset.UnixEpoch, []));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
