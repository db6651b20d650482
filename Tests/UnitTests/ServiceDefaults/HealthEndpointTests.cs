namespace WhatsAppGenesys.UnitTests.ServiceDefaults;

public class HealthEndpointTests
{
    [Fact]
    public void HealthPathsMatchAspireContract()
    {
        Assert.Equal("/health", Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath);
        Assert.Equal("/alive", Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);
    }
}
