using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class TextSplitterTests
{
    [Fact]
    public void TextWithinTheLimitIsOnePiece()
    {
        var exactly = new string('a', 4096);

        Assert.Equal([exactly], TextSplitter.Split(exactly));
        Assert.Equal(["short"], TextSplitter.Split("short"));
    }

    [Fact]
    public void CutsAtTheLastWhitespaceBeforeTheLimit()
    {
        Assert.Equal(["aaa bbb", "cc dd"], TextSplitter.Split("aaa bbb cc dd", limit: 9));
    }

    [Fact]
    public void WhitespaceRightAtTheLimitStillGivesAFullPiece()
    {
        Assert.Equal(["aaaa", "bbbb"], TextSplitter.Split("aaaa bbbb", limit: 4));
    }

    [Fact]
    public void NewlinesCountAsWhitespace()
    {
        Assert.Equal(["line one", "line two"], TextSplitter.Split("line one\nline two", limit: 12));
    }

    [Fact]
    public void TextWithoutWhitespaceIsCutHard()
    {
        Assert.Equal(["abcd", "efgh", "ij"], TextSplitter.Split("abcdefghij", limit: 4));
    }

    [Fact]
    public void HardCutNeverSplitsAnEmoji()
    {
        // "abc" + 😀 (two UTF-16 units): a cut after 4 units would halve the emoji.
        var pieces = TextSplitter.Split("abc😀def", limit: 4);

        Assert.Equal(["abc", "😀de", "f"], pieces);
    }

    [Fact]
    public void LeadingWhitespaceDoesNotProduceEmptyPieces()
    {
        var pieces = TextSplitter.Split("      abcdefgh", limit: 6);

        Assert.DoesNotContain(pieces, string.IsNullOrWhiteSpace);
        Assert.Equal("abcdefgh", string.Concat(pieces).Trim());
    }

    [Fact]
    public void EveryPieceOfARealisticLongTextFitsAndNothingIsLost()
    {
        var text = string.Join(' ', Enumerable.Repeat("Sehr geehrte Kundin, wir melden uns bald. 😀", 400));

        var pieces = TextSplitter.Split(text);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, TextSplitter.WhatsAppTextLimit));
        Assert.Equal(text.Replace(" ", ""), string.Concat(pieces).Replace(" ", ""));
    }

    [Theory]
    [InlineData("Short", 20, "Short")]
    [InlineData("Returns and refunds for damaged goods", 24, "Returns and refunds for…")]
    [InlineData("12345678901234567890", 20, "12345678901234567890")]
    [InlineData("1234567890123456789😀x", 20, "1234567890123456789…")]
    [InlineData("123456789012345678😀x", 20, "123456789012345678…")]
    public void TruncateKeepsTitlesWithinTheirLimit(string text, int limit, string expected)
    {
        var truncated = TextSplitter.Truncate(text, limit);

        Assert.Equal(expected, truncated);
        Assert.True(truncated.Length <= limit);
    }
}
