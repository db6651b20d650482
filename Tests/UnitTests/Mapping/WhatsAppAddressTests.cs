using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class WhatsAppAddressTests
{
    [Theory]
    [InlineData("+4915112345678", GenesysIdType.Phone, "4915112345678", null)]
    [InlineData("4915112345678", GenesysIdType.Phone, "4915112345678", null)]
    [InlineData("+49 151-1234 5678", GenesysIdType.Phone, "4915112345678", null)]
    [InlineData("33633081329", GenesysIdType.Opaque, "33633081329", null)]
    [InlineData("US.13491208655302741918", GenesysIdType.Opaque, null, "US.13491208655302741918")]
    [InlineData("US.ENT.11815799212886844830", GenesysIdType.Opaque, null, "US.ENT.11815799212886844830")]
    public void PhoneNumbersGoToToAndBsuidsToRecipient(string id, GenesysIdType idType, string? to, string? recipient)
    {
        Assert.Equal(new WhatsAppAddress(to, recipient), WhatsAppAddress.From(new GenesysRecipient { Id = id, IdType = idType }));
    }

    [Theory]
    [InlineData("jana@example.de", GenesysIdType.Email)]
    [InlineData("abcdef12345@socialmedia", GenesysIdType.Opaque)]
    [InlineData("US.1349", GenesysIdType.Phone)]
    [InlineData("", GenesysIdType.Opaque)]
    [InlineData("12", GenesysIdType.Phone)]
    public void AnythingElseHasNoWhatsAppAddress(string id, GenesysIdType idType)
    {
        Assert.Null(WhatsAppAddress.From(new GenesysRecipient { Id = id, IdType = idType }));
    }
}
