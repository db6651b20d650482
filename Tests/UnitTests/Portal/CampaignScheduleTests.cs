using WhatsAppGenesys.PortalService.Campaigns;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>A campaign's start: a local time in an IANA time zone, turned into the UTC instant it means there.</summary>
public class CampaignScheduleTests
{
    [Theory]
    [InlineData("2026-12-24T09:00", "Europe/Berlin", "2026-12-24T08:00:00Z")]
    [InlineData("2026-07-01T09:00:00", "Europe/Berlin", "2026-07-01T07:00:00Z")]
    [InlineData("2026-07-01T09:00", "America/New_York", "2026-07-01T13:00:00Z")]
    [InlineData("2026-07-01T09:30", "Asia/Kolkata", "2026-07-01T04:00:00Z")]
    [InlineData("2026-07-01T09:00", "UTC", "2026-07-01T09:00:00Z")]
    public void ALocalTimeIsTheInstantItMeansInItsZone(string at, string zone, string utc)
    {
        var (startsAt, errors) = ScheduleResolver.Resolve(new CampaignSchedule(at, zone));

        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), startsAt);
    }

    [Fact]
    public void ATimeTheClocksSkipIsRefused()
    {
        // Berlin goes from 02:00 to 03:00 on 29 March 2026.
        var (startsAt, errors) = ScheduleResolver.Resolve(new CampaignSchedule("2026-03-29T02:30", "Europe/Berlin"));

        Assert.Null(startsAt);
        Assert.Contains("schedule.at", errors.Keys);
    }

    [Fact]
    public void ATimeThatHappensTwiceIsItsFirstOccurrence()
    {
        // Berlin goes from 03:00 back to 02:00 on 25 October 2026: 02:30 is first 00:30 UTC (summer time), then 01:30.
        var (startsAt, errors) = ScheduleResolver.Resolve(new CampaignSchedule("2026-10-25T02:30", "Europe/Berlin"));

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), startsAt);
    }

    [Theory]
    [InlineData("2026-12-24T09:00", "Mars/Olympus", "schedule.timeZone")]
    [InlineData("2026-12-24T09:00", null, "schedule.timeZone")]
    [InlineData("2026-12-24T09:00+01:00", "Europe/Berlin", "schedule.at")]
    [InlineData("24.12.2026 09:00", "Europe/Berlin", "schedule.at")]
    [InlineData(null, "Europe/Berlin", "schedule.at")]
    public void AnUnknownZoneOrAMalformedTimeIsRefusedByField(string? at, string? zone, string field)
    {
        var (startsAt, errors) = ScheduleResolver.Resolve(new CampaignSchedule(at, zone));

        Assert.Null(startsAt);
        Assert.Equal([field], errors.Keys);
    }
}
