using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.InboundTransformer.Mapping.Rcs;

namespace WhatsAppGenesys.UnitTests.Rcs;

/// <summary>
/// One phone number on WhatsApp and RCS: one customer when the tenant links them, known by the WhatsApp form of the
/// number, answered on the channel of their latest message; two customers otherwise, exactly as before.
/// </summary>
public sealed class LinkedChannelsTests
{
    [Fact]
    public void AnRcsUserIsTheirOwnCustomerUnlessTheTenantLinksTheChannels()
    {
        Assert.Equal("rcs:+447700900123", LinkedChannels.RcsCustomerId("+447700900123", linked: false));
        Assert.Equal("447700900123", LinkedChannels.RcsCustomerId("+447700900123", linked: true));
    }

    [Theory]
    [InlineData("447700900123", "rcs", "rcs", "+447700900123")]
    // Genesys echoes a WhatsApp customer's id with the "+" it was given.
    [InlineData("+447700900123", "rcs", "rcs", "+447700900123")]
    [InlineData("447700900123", "whatsapp", "whatsapp", "447700900123")]
    // Nothing recorded (a conversation older than the record, or no message yet): the id decides.
    [InlineData("447700900123", null, "whatsapp", "447700900123")]
    [InlineData("rcs:+447700900123", null, "rcs", "+447700900123")]
    [InlineData("rcs:+447700900123", "rcs", "rcs", "+447700900123")]
    // A BSUID has no number to reach on RCS.
    [InlineData("US.13491208655302741918", "rcs", "whatsapp", "US.13491208655302741918")]
    public void AReplyGoesByTheChannelOfTheLatestMessageWhenTheNumberCanTakeIt(string customerId, string? lastChannel, string channel, string address)
    {
        var to = LinkedChannels.ReplyTo(CustomerAddress.Parse(customerId), lastChannel);

        Assert.Equal(channel, to.Channel);
        Assert.Equal(address, to.Address);
    }

    [Fact]
    public void GenesysKnowsALinkedRcsUserAsTheWhatsAppCustomerWithTheSameNumber()
    {
        var linked = RcsInboundMessageMapper.Customer(LinkedChannels.RcsCustomerId("+447700900123", linked: true));
        var own = RcsInboundMessageMapper.Customer(LinkedChannels.RcsCustomerId("+447700900123", linked: false));

        Assert.Equal("+447700900123", linked.Id);
        Assert.Equal(GenesysIdType.Phone, linked.IdType);
        Assert.Equal("rcs:+447700900123", own.Id);
        Assert.Equal(GenesysIdType.Opaque, own.IdType);
    }
}
