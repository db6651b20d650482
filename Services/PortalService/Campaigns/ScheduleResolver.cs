using System.Globalization;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// A local time in an IANA time zone → the UTC instant the campaign starts. A time that does not exist there (the hour
/// skipped when clocks go forward) is refused; a time that exists twice (the hour repeated when they go back) is its
/// first occurrence, so the campaign never starts an hour late.
/// </summary>
public static class ScheduleResolver
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>The UTC start, or what is wrong by field (<c>schedule.at</c>, <c>schedule.timeZone</c>).</summary>
    public static (DateTimeOffset? StartsAt, Dictionary<string, string[]> Errors) Resolve(CampaignSchedule schedule)
    {
        var errors = new Dictionary<string, string[]>();
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(schedule.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZone.Trim(), out zone))
        {
            errors["schedule.timeZone"] = [$"'{schedule.TimeZone}' is not an IANA time zone such as Europe/Berlin or America/New_York."];
        }
        if (!DateTime.TryParseExact(schedule.At?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors["schedule.at"] = [$"'{schedule.At}' is not a local date and time such as 2026-12-24T09:00 (no offset: the time zone says where)."];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone!.IsInvalidTime(local))
        {
            errors["schedule.at"] = [$"{schedule.At} does not exist in {zone.Id} (the clocks skip it)."];
            return (null, errors);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return (new DateTimeOffset(local, offset).ToUniversalTime(), errors);
    }
}
