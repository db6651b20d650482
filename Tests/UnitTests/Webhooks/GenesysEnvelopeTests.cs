using System.Text.Json;
using WhatsAppGenesys.GenesysWebhook.Receiving;

namespace WhatsAppGenesys.UnitTests.Webhooks;

public class GenesysEnvelopeTests
{
    private static GenesysEnvelope? Read(string channelTime)
    {
        using var document = JsonDocument.Parse(
            """{"id":"m1","type":"Text","text":"hello","direction":"Outbound","channel":{"id":"int-1","platform":"Open","type":"Private","to":{"id":"15550001"},"from":{"id":"int-1"}"""
            + channelTime + "}}");
        return GenesysEnvelope.Read(document.RootElement);
    }

    [Fact]
    public void ChannelTimeIsTheEventTimeInUnixMilliseconds()
    {
        var envelope = Read(""","time":"2026-12-03T15:04:05.123Z" """);

        Assert.NotNull(envelope);
        Assert.Equal("15550001", envelope.CustomerId);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T15:04:05.123Z").ToUnixTimeMilliseconds(), envelope.EventTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData(""","time":"yesterday" """)]
    [InlineData(""","time":12 """)]
    public void WithoutAReadableChannelTimeThereIsNoEventTimeAndArrivalOrderRules(string channelTime)
    {
        var envelope = Read(channelTime);

        Assert.NotNull(envelope);
        Assert.Null(envelope.EventTime);
    }
}
