using WhatsAppGenesys.Clients.Archiving;

namespace WhatsAppGenesys.UnitTests.Archiving;

public class ArchiveRangeTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static string KeyAt(DateTimeOffset at, string id) => WebhookArchive.Key("acme", at, id);

    [Fact]
    public void KeepsKeysFromInclusiveToExclusiveOldestFirst()
    {
        var range = new ArchiveRange(Nine, Nine.AddHours(1));
        var keys = new[]
        {
            KeyAt(Nine.AddMinutes(30), "b"),
            KeyAt(Nine.AddHours(1), "at-to"),
            KeyAt(Nine, "at-from"),
            KeyAt(Nine.AddMilliseconds(-1), "before"),
            "acme/2026-12-04/not-a-time.json",
        };

        var page = range.Page(keys, limit: 1000);

        Assert.Equal([KeyAt(Nine, "at-from"), KeyAt(Nine.AddMinutes(30), "b")], page.Keys);
        Assert.False(page.More);
        Assert.Null(page.ContinueFrom);
    }

    [Fact]
    public void AFullPageSaysWhereToContinue()
    {
        var range = new ArchiveRange(Nine, Nine.AddHours(1));
        var keys = Enumerable.Range(0, 5).Select(i => KeyAt(Nine.AddSeconds(i), $"m{i}")).Reverse().ToList();

        var first = range.Page(keys, limit: 3);
        var next = new ArchiveRange(first.ContinueFrom!.Value, range.To).Page(keys, limit: 3);

        Assert.Equal(keys.AsEnumerable().Reverse().Take(3), first.Keys);
        Assert.True(first.More);
        Assert.Equal(Nine.AddSeconds(3), first.ContinueFrom);
        Assert.Equal(keys.AsEnumerable().Reverse().Skip(3), next.Keys);
        Assert.False(next.More);
    }

    [Fact]
    public void APageNeverEndsWhereItStarted()
    {
        var range = new ArchiveRange(Nine, Nine.AddHours(1));
        var keys = new[] { KeyAt(Nine, "a"), KeyAt(Nine, "b"), KeyAt(Nine, "c"), KeyAt(Nine.AddSeconds(1), "d") };

        var page = range.Page(keys, limit: 2);

        Assert.Equal(3, page.Keys.Count);
        Assert.Equal(Nine.AddSeconds(1), page.ContinueFrom);
    }

    [Fact]
    public void ListsEveryUtcDayTheRangeTouches()
    {
        var range = new ArchiveRange(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["acme/2026-12-31/", "acme/2027-01-01/"], range.DayPrefixes("acme"));
    }

    [Fact]
    public void ReadsTheTimeFromTheFileName()
    {
        Assert.Equal(Nine.ToUnixTimeMilliseconds(), ArchiveRange.TimeOf(KeyAt(Nine, "wamid.HBgL-x=")));
        Assert.Null(ArchiveRange.TimeOf("acme/2026-12-04/-x.json"));
        Assert.Null(ArchiveRange.TimeOf("acme/2026-12-04/12ab-x.json"));
    }

    [Theory]
    [InlineData("2026-12-04T09:00:00Z", "2026-12-04T10:00:00Z", true)]
    [InlineData("2026-12-04T10:00:00+01:00", "2026-12-04T10:00:00Z", true)]
    [InlineData("2026-12-04T09:00", "2026-12-04T10:00", true)]
    [InlineData(null, "2026-12-04T10:00:00Z", false)]
    [InlineData("yesterday", "2026-12-04T10:00:00Z", false)]
    [InlineData("2026-12-04T10:00:00Z", "2026-12-04T10:00:00Z", false)]
    [InlineData("2026-12-04T11:00:00Z", "2026-12-04T10:00:00Z", false)]
    [InlineData("2026-11-01T00:00:00Z", "2026-12-02T00:00:00Z", true)]
    [InlineData("2026-11-01T00:00:00Z", "2026-12-02T00:00:00.001Z", false)]
    public void AcceptsOnlyARangeOfAtMost31Days(string? from, string? to, bool valid)
    {
        var range = ArchiveRange.TryParse(from, to, out var problem);

        Assert.Equal(valid, range is not null);
        Assert.Equal(valid, problem.Length == 0);
    }

    [Fact]
    public void InstantsWithoutAnOffsetAreUtc()
    {
        var range = ArchiveRange.TryParse("2026-12-04T09:00", "2026-12-04T10:00", out _);

        Assert.Equal(Nine, range!.From);
        Assert.Equal(TimeSpan.Zero, range.From.Offset);
    }
}
