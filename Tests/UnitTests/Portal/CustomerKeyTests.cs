using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.UnitTests.Portal;

public sealed class CustomerKeyTests
{
    [Theory]
    [InlineData("+15551234567", "15551234567")]
    [InlineData("15551234567", "15551234567")]
    [InlineData("US.13491208655302741918", "US.13491208655302741918")]
    [InlineData(" rcs:+447700900123 ", "rcs:+447700900123")]
    public void ACustomerIsNamedByNumberWaIdBsuidOrRcsCustomerId(string given, string key)
    {
        Assert.True(CustomerKey.TryNormalize(given, out var normalized));
        Assert.Equal(key, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+12")]
    [InlineData("rcs:447700900123")]
    [InlineData("rcs:+4477abc")]
    [InlineData("a b")]
    public void AnythingElseIsRefused(string given) => Assert.False(CustomerKey.TryNormalize(given, out _));
}
