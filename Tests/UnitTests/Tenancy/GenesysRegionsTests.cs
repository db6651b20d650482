using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.UnitTests.Tenancy;

public class GenesysRegionsTests
{
    [Theory]
    [InlineData("mypurecloud.com")]
    [InlineData("mypurecloud.ie")]
    [InlineData("mypurecloud.com.au")]
    [InlineData("usw2.pure.cloud")]
    [InlineData("use2.us-gov-pure.cloud")]
    [InlineData("apse1.pure.cloud")]
    public void RegionDomainsFromTheSdkListAreAllowed(string domain)
    {
        Assert.True(GenesysRegions.IsAllowedDomain(domain));
        Assert.Equal(new Uri($"https://login.{domain}"), GenesysRegions.LoginBaseUri(domain));
        Assert.Equal(new Uri($"https://api.{domain}"), GenesysRegions.ApiBaseUri(domain));
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("mypurecloud.com.evil.example")]
    [InlineData("evil.example/mypurecloud.com")]
    [InlineData("MYPURECLOUD.COM")]
    [InlineData("login.mypurecloud.com")]
    [InlineData("us_east_1")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsRefusedSoTokensCannotBeSentToAHostOfTheTenantsChoosing(string? domain)
    {
        Assert.False(GenesysRegions.IsAllowedDomain(domain));
        if (domain is not null)
        {
            Assert.Throws<ArgumentException>(() => GenesysRegions.LoginBaseUri(domain));
        }
    }

    [Fact]
    public void EveryRegionOfTheSdkListIsPresent()
    {
        Assert.Equal(18, GenesysRegions.DomainsByRegion.Count);
        Assert.Equal("mypurecloud.de", GenesysRegions.DomainsByRegion["eu_central_1"]);
    }
}
