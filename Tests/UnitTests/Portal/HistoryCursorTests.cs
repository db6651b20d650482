using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

/// <summary>The history API's opaque cursor: what it encodes survives the round trip, and anything else is refused.</summary>
public class HistoryCursorTests
{
    [Fact]
    public void ACursorComesBackWithTheSameInstantToTheMicrosecondAndTheSameId()
    {
        var at = new DateTimeOffset(2026, 3, 25, 13, 20, 5, TimeSpan.Zero).AddTicks(4_930_120);
        var cursor = new HistoryCursor(at, 9_007_199_254_740_993);

        Assert.True(HistoryCursor.TryDecode(cursor.Encode(), out var decoded));

        Assert.Equal(cursor, decoded);
        Assert.Equal(TimeSpan.Zero, decoded.Value.OccurredAt.Offset);
    }

    [Fact]
    public void AnInstantWithAnOffsetIsTheSameInstantInUtc()
    {
        var local = new DateTimeOffset(2026, 3, 25, 15, 20, 5, TimeSpan.FromHours(2));

        Assert.True(HistoryCursor.TryDecode(new HistoryCursor(local, 7).Encode(), out var decoded));

        Assert.Equal(local.UtcDateTime, decoded.Value.OccurredAt.UtcDateTime);
    }

    [Fact]
    public void TheEncodingIsUrlSafe()
    {
        var encoded = new HistoryCursor(DateTimeOffset.UnixEpoch.AddDays(20_000).AddTicks(-10), long.MaxValue).Encode();

        Assert.DoesNotContain(encoded, c => c is '+' or '/' or '=');
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("!!!!")]
    [InlineData("AQ")]
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAE")]
    public void GarbageIsRefused(string text)
    {
        Assert.False(HistoryCursor.TryDecode(text, out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void ACursorWithAnotherVersionOrATamperedLengthIsRefused()
    {
        var valid = new HistoryCursor(DateTimeOffset.UtcNow, 42).Encode();
        var bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(valid);
        bytes[0] = 2;

        Assert.False(HistoryCursor.TryDecode(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes), out _));
        Assert.False(HistoryCursor.TryDecode(valid + "AA", out _));
        Assert.False(HistoryCursor.TryDecode(null, out _));
    }

    [Fact]
    public void ARowIdOfZeroOrLessIsRefused()
    {
        Assert.False(HistoryCursor.TryDecode(new HistoryCursor(DateTimeOffset.UtcNow, 0).Encode(), out _));
        Assert.False(HistoryCursor.TryDecode(new HistoryCursor(DateTimeOffset.UtcNow, -5).Encode(), out _));
    }
}
