using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.UnitTests.Portal;

public class KeywordMatcherTests
{
    private static readonly PortalSettings Settings = PortalSettings.Defaults with { OptOutKeywords = ["STOP", "ARRÊT"], OptInKeywords = ["START"] };

    [Theory]
    [InlineData("STOP", ConsentKeyword.OptOut)]
    [InlineData("stop", ConsentKeyword.OptOut)]
    [InlineData("  Stop \n", ConsentKeyword.OptOut)]
    [InlineData("arrêt", ConsentKeyword.OptOut)]
    [InlineData("start", ConsentKeyword.OptIn)]
    [InlineData("please stop", ConsentKeyword.None)]
    [InlineData("stop!", ConsentKeyword.None)]
    [InlineData("stopping", ConsentKeyword.None)]
    [InlineData("", ConsentKeyword.None)]
    [InlineData(null, ConsentKeyword.None)]
    public void OnlyTheWholeTrimmedMessageMatchesIgnoringCase(string? text, ConsentKeyword expected)
    {
        Assert.Equal(expected, KeywordMatcher.Match(text, Settings));
    }

    [Fact]
    public void TheDefaultsKnowStopAndStart()
    {
        Assert.Equal(ConsentKeyword.OptOut, KeywordMatcher.Match("Baja", PortalSettings.Defaults));
        Assert.Equal(ConsentKeyword.OptIn, KeywordMatcher.Match("subscribe", PortalSettings.Defaults));
    }
}
