using System.Text;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.WhatsAppWebhook.Receiving;

namespace WhatsAppGenesys.UnitTests.Webhooks;

public class MetaWebhookReaderTests
{
    private const string Batch = """
        {"object":"whatsapp_business_account","entry":[
          {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550001","phone_number_id":"PN1"},
            "contacts":[{"profile":{"name":"Ann"},"wa_id":"111"},{"profile":{"name":"Bob"},"wa_id":"222"}],
            "messages":[{"from":"111","id":"wamid.A","timestamp":"1700000000","type":"text","text":{"body":"hi"}},
                        {"from":"222","id":"wamid.B","timestamp":"1700000001","type":"text","text":{"body":"yo"}}]}}]},
          {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550001","phone_number_id":"PN1"},
            "statuses":[{"id":"wamid.OUT","status":"delivered","timestamp":"1700000002","recipient_id":"111"}]}}]}]}
        """;

    [Fact]
    public void EveryMessageAndStatusOfEveryEntryBecomesAnEvent()
    {
        using var document = JsonDocument.Parse(Batch);
        var changes = MetaWebhookReader.ReadChanges(document.RootElement)!;

        var events = changes.SelectMany(c => MetaWebhookReader.ReadEvents(c, "t1", DateTimeOffset.UnixEpoch, null)).ToList();

        Assert.Equal(["wamid.A", "wamid.B", "wamid.OUT:delivered"], events.Select(e => e.EventId));
        Assert.Equal(["Ann", "Bob", null], events.Select(e => e.ContactName));
        Assert.Equal(["t1:111", "t1:222", "t1:111"], events.Select(e => e.OrderingKey));
    }

    [Fact]
    public void CustomersAreReadWithTheirMetaTimestampsBeforeTheTenantIsKnown()
    {
        using var document = JsonDocument.Parse(Batch);
        var changes = MetaWebhookReader.ReadChanges(document.RootElement)!;

        Assert.Equal([("111", 1700000000L), ("222", 1700000001L), ("111", 1700000002L)],
            changes.SelectMany(MetaWebhookReader.Customers).Select(c => (c.CustomerId, c.Timestamp!.Value)));
    }

    [Theory]
    [InlineData("""{"from":"111","id":"w","timestamp":1700000000}""", 1700000000L)]
    [InlineData("""{"from":"111","id":"w","timestamp":"soon"}""", null)]
    [InlineData("""{"from":"111","id":"w"}""", null)]
    public void ATimestampIsADigitStringOrANumberOrNothing(string message, long? expected)
    {
        using var document = JsonDocument.Parse($$"""{"messages":[{{message}}]}""");
        var change = new MetaWebhookReader.Change("WABA1", "PN1", null, document.RootElement);

        Assert.Equal([("111", expected)], MetaWebhookReader.Customers(change));
    }

    [Fact]
    public void EventsSurviveTheirSourceDocumentAndSerialize()
    {
        List<WhatsAppEventReceived> events;
        using (var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(Batch)))
        {
            events = MetaWebhookReader.ReadChanges(document.RootElement)!
                .SelectMany(c => MetaWebhookReader.ReadEvents(c, "t1", DateTimeOffset.UnixEpoch, "key")).ToList();
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(events[0], new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var back = JsonSerializer.Deserialize<WhatsAppEventReceived>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal("hi", back.Payload.GetProperty("text").GetProperty("body").GetString());
        Assert.Equal("111", back.Contact!.Value.GetProperty("wa_id").GetString());
    }

    [Theory]
    [InlineData("""{"object":"page","entry":[]}""")]
    [InlineData("""{"entry":[]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[]}}]}]}""")]
    public void BodiesThatAreNotWhatsAppWebhooksAreRecognised(string body)
    {
        using var document = JsonDocument.Parse(body);
        Assert.Null(MetaWebhookReader.ReadChanges(document.RootElement));
    }
}
