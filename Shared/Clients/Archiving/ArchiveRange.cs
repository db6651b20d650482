using System.Globalization;

namespace WhatsAppGenesys.Clients.Archiving;

/// <summary>
/// A time range of one tenant's archive, from (inclusive) to (exclusive), at most <see cref="MaxLength"/> long. The
/// archive keys hold the time a webhook was received in UTC twice: the day folder and the Unix milliseconds that start
/// the file name (<c>{tenantId}/{yyyy-MM-dd}/{unix-ms}-{messageId}.json</c>), so a range is listed one day folder at a
/// time and filtered on the milliseconds.
/// </summary>
public sealed record ArchiveRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(31);

    /// <summary>Reads ISO-8601 instants (without an offset they are UTC); returns null and why when they are no range.</summary>
    public static ArchiveRange? TryParse(string? from, string? to, out string problem)
    {
        if (!TryParseInstant(from, out var start))
        {
            problem = "'from' must be an ISO-8601 instant, such as 2026-12-04T09:00:00Z";
            return null;
        }
        if (!TryParseInstant(to, out var end))
        {
            problem = "'to' must be an ISO-8601 instant, such as 2026-12-04T10:00:00Z";
            return null;
        }
        if (start >= end)
        {
            problem = "'from' must be before 'to'";
            return null;
        }
        if (end - start > MaxLength)
        {
            problem = $"A range is at most {MaxLength.TotalDays:0} days long";
            return null;
        }
        problem = "";
        return new ArchiveRange(start, end);
    }

    /// <summary>The day folders the range touches, in order: <c>{tenantId}/{yyyy-MM-dd}/</c>.</summary>
    public IEnumerable<string> DayPrefixes(string tenantId)
    {
        var last = DateOnly.FromDateTime(To.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(From.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            yield return $"{tenantId}/{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";
        }
    }

    public bool Contains(long unixMilliseconds) =>
        unixMilliseconds >= From.ToUnixTimeMilliseconds() && unixMilliseconds < To.ToUnixTimeMilliseconds();

    /// <summary>The receive time in a key's file name (<c>…/{unix-ms}-{messageId}.json</c>), or null for any other name.</summary>
    public static long? TimeOf(string key)
    {
        var name = key.AsSpan(key.LastIndexOf('/') + 1);
        var dash = name.IndexOf('-');
        return dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? milliseconds
            : null;
    }

    /// <summary>
    /// The first <paramref name="limit"/> keys in the range, oldest first (same millisecond: by key), whether more
    /// remain and the <c>from</c> to continue with: the time of the first key left out. Keys of that same millisecond
    /// already in this page come again in the next one, which replay tolerates.
    /// <paramref name="limit"/> must be at least 1.
    /// </summary>
    public ArchiveListing Page(IEnumerable<string> keys, int limit)
    {
        var inRange = keys
            .Select(key => (Key: key, Time: TimeOf(key)))
            .Where(k => k.Time is { } time && Contains(time))
            .OrderBy(k => k.Time).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        var cut = limit;
        // A page that is one millisecond from start to cut would make the next page start where this one did: such a
        // page takes the whole millisecond instead (more than the limit, and only in theory).
        while (cut < inRange.Count && inRange[cut].Time == inRange[0].Time)
        {
            cut++;
        }
        return cut >= inRange.Count
            ? new ArchiveListing(inRange.Select(k => k.Key).ToList(), null)
            : new ArchiveListing(inRange.Take(cut).Select(k => k.Key).ToList(), DateTimeOffset.FromUnixTimeMilliseconds(inRange[cut].Time!.Value));
    }

    private static bool TryParseInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}

/// <summary>One page of archive keys; <see cref="ContinueFrom"/> is set when more remain (the next page's <c>from</c>).</summary>
public sealed record ArchiveListing(IReadOnlyList<string> Keys, DateTimeOffset? ContinueFrom)
{
    public bool More => ContinueFrom is not null;
}
