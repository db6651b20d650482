using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.UnitTests.Rcs;

public sealed class CustomerAddressTests
{
    [Theory]
    [InlineData("491701234567")]
    [InlineData("US.13491208655302741918")]
    public void AWhatsAppCustomerIdIsTheBareAddress(string id)
    {
        var address = CustomerAddress.Parse(id);

        Assert.Equal(CustomerChannel.WhatsApp, address.Channel);
        Assert.Equal(id, address.Address);
        Assert.Equal(id, address.CustomerId);
        Assert.False(address.IsRcs);
    }

    [Fact]
    public void AnRcsCustomerIdNamesItsChannel()
    {
        var address = CustomerAddress.Rcs("+491701234567");

        Assert.Equal("rcs:+491701234567", address.CustomerId);
        Assert.Equal(address, CustomerAddress.Parse("rcs:+491701234567"));
        Assert.True(address.IsRcs);
    }

    [Fact]
    public void TheSameNumberOnTwoChannelsIsTwoCustomers() =>
        Assert.NotEqual(CustomerAddress.WhatsApp("491701234567").CustomerId, CustomerAddress.Rcs("+491701234567").CustomerId);

    [Fact]
    public void AnUnknownPrefixIsNotAChannel() =>
        Assert.Equal(CustomerChannel.WhatsApp, CustomerAddress.Parse("sms:+491701234567").Channel);
}
