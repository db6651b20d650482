using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.OutboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class CustomerServiceWindowTests
{
    private static readonly DateTimeOffset Last = DateTimeOffset.Parse("2026-03-10T08:00:00Z");

    [Theory]
    [InlineData(0, true)]
    [InlineData(23 * 60 + 59, true)]
    [InlineData(24 * 60, false)]
    [InlineData(24 * 60 + 1, false)]
    public void WindowIsOpenForLessThan24Hours(int minutesLater, bool open)
    {
        Assert.Equal(open, CustomerServiceWindow.IsOpen(Last, Last.AddMinutes(minutesLater)));
    }

    [Fact]
    public void ClosedWindowExplainsToTheAgentThatATemplateIsNeeded()
    {
        var reject = CustomerServiceWindow.Check(Last, Last.AddHours(30).AddMinutes(5))!;

        Assert.Equal(GenesysReasonCode.MessageExpired, reject.Reason);
        Assert.Equal("Not sent: WhatsApp only allows free-form messages within 24 hours of the customer's last " +
            "message. The customer's last message was 30 hours ago. Send an approved message template instead.",
            reject.Message);
    }

    [Fact]
    public void NoCustomerMessageMeansNoWindow()
    {
        Assert.False(CustomerServiceWindow.IsOpen(null, Last));
        Assert.NotNull(CustomerServiceWindow.Check(null, Last));
    }

    [Fact]
    public void OffsetsDoNotMatterOnlyTheInstant()
    {
        var lastInBerlin = DateTimeOffset.Parse("2026-03-10T09:00:00+01:00");

        Assert.True(CustomerServiceWindow.IsOpen(lastInBerlin, Last.AddHours(23).AddMinutes(59)));
        Assert.Null(CustomerServiceWindow.Check(lastInBerlin, Last.AddHours(23)));
    }
}
