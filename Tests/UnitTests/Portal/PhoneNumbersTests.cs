using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.UnitTests.Portal;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("+49 30 1234567", null, "+49301234567")]
    [InlineData("0049 30 1234567", null, "+49301234567")]
    [InlineData("+49 (0)30 123-45-67", null, "+49301234567")]
    [InlineData("+1 (415) 555-0100", null, "+14155550100")]
    [InlineData("+44 20 7946 0958", null, "+442079460958")]
    [InlineData("+351 912 345 678", null, "+351912345678")]
    [InlineData("+7 912 345 67 89", "49", "+79123456789")]
    [InlineData("030 1234567", "49", "+49301234567")]
    [InlineData("030/1234567", "+49", "+49301234567")]
    [InlineData("06 12 34 56 78", "33", "+33612345678")]
    [InlineData("1 415 555 0100", "1", "+14155550100")]
    [InlineData("415.555.0100", "1", "+14155550100")]
    [InlineData("06 1234 5678", "39", "+390612345678")]
    [InlineData("  +4915112345678  ", null, "+4915112345678")]
    public void NumbersBecomeE164(string input, string? defaultCountryCode, string expected)
    {
        var result = PhoneNumbers.Normalize(input, PhoneNumbers.ParseCountryCode(defaultCountryCode));
        Assert.Null(result.Error);
        Assert.Equal(expected, result.E164);
    }

    [Theory]
    [InlineData("030 1234567", null, "'030 1234567' has no country code (write it with + or 00, or give a default country code)")]
    [InlineData("+0 30 1234567", null, "'+0 30 1234567' does not start with a country code")]
    [InlineData("+28 1234 5678", null, "'+28 1234 5678' does not start with a country code")]
    [InlineData("+49 30 12", null, "'+49 30 12' has 6 digits with its country code; between 8 and 15 are expected")]
    [InlineData("+49 30 1234 5678 9012", null, "'+49 30 1234 5678 9012' has 16 digits with its country code; between 8 and 15 are expected")]
    [InlineData("+49 30 CALL-NOW", null, "'+49 30 CALL-NOW' contains 'C'; a phone number has digits only")]
    [InlineData("", null, "is empty")]
    [InlineData("   ", "49", "is empty")]
    public void InvalidNumbersSayWhy(string input, string? defaultCountryCode, string error)
    {
        var result = PhoneNumbers.Normalize(input, defaultCountryCode);
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("49", "49")]
    [InlineData("+49", "49")]
    [InlineData("0049", "49")]
    [InlineData(" 1 ", "1")]
    [InlineData("351", "351")]
    [InlineData("28", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void DefaultCountryCodesMustBeAssigned(string input, string? expected)
    {
        Assert.Equal(expected, PhoneNumbers.ParseCountryCode(input));
    }

    [Fact]
    public void CountryCodesArePrefixFree()
    {
        Assert.Equal("1", CountryCallingCodes.PrefixOf("14155550100"));
        Assert.Equal("44", CountryCallingCodes.PrefixOf("442079460958"));
        Assert.Equal("351", CountryCallingCodes.PrefixOf("351912345678"));
        Assert.Null(CountryCallingCodes.PrefixOf("0123"));
    }
}
