using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.InboundTransformer.Mapping;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class MetaWebhookParsingTests
{
    public static TheoryData<string> InboundFixtures => new(Fixtures.Names("Meta/Inbound"));

    public static TheoryData<string> StatusFixtures => new(Fixtures.Names("Meta/Statuses"));

    [Theory]
    [MemberData(nameof(InboundFixtures))]
    public void EveryInboundFixtureParsesWithItsMessagesAndBusinessNumber(string name)
    {
        var envelope = Fixtures.MetaInbound(name);

        var items = MetaWebhookReader.Messages(envelope).ToList();

        Assert.Equal("whatsapp_business_account", envelope.Object);
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.StartsWith("wamid.", item.Message.Id);
            Assert.NotEqual(0, item.Message.Timestamp);
            Assert.False(string.IsNullOrEmpty(item.Message.Type));
            Assert.StartsWith("1098765432", item.PhoneNumberId);
            Assert.Equal(JsonValueKind.Object, item.Message.Raw.ValueKind);
        });
    }

    [Theory]
    [MemberData(nameof(StatusFixtures))]
    public void EveryStatusFixtureParsesWithItsWamidAndRecipient(string name)
    {
        var status = Assert.Single(MetaWebhookReader.Statuses(Fixtures.MetaStatus(name))).Status;

        Assert.Equal("wamid.HBgNNDkxNTExMjM0NTY3OBUCABEYEk9VVEJPVU5EXzAwMQ==", status.Id);
        Assert.Equal(1767269000, status.Timestamp);
        Assert.Equal("4915112345678", status.RecipientId);
        Assert.Equal("DE.1122334455667788", status.RecipientUserId);
    }

    [Fact]
    public void TimestampsParseFromStringsAndFromNumbers()
    {
        var asString = MetaWebhookReader.Messages(Fixtures.MetaInbound("text")).Single().Message;
        var asNumber = MetaWebhookReader.Messages(Fixtures.MetaInbound("numeric-timestamp-and-unknown-fields")).Single().Message;
        var flat = MetaWebhookReader.Statuses(Fixtures.MetaStatus("failed-flat-details")).Single().Status;

        Assert.Equal(1767268923, asString.Timestamp);
        Assert.Equal(1767268923, asNumber.Timestamp);
        Assert.Equal(1767355400, flat.Conversation!.ExpirationTimestamp);
    }

    [Fact]
    public void UnknownMessageTypeKeepsItsPayloadInTheRawJson()
    {
        var message = MetaWebhookReader.Messages(Fixtures.MetaInbound("unknown-type")).Single().Message;

        Assert.Equal("hologram", message.Type);
        Assert.Equal("holo/3d", message.Raw.GetProperty("hologram").GetProperty("format").GetString());
    }

    [Fact]
    public void ErrorsParseWithDetailsInErrorDataOrFlat()
    {
        var nested = MetaWebhookReader.Statuses(Fixtures.MetaStatus("failed-window")).Single().Status.Errors!.Single();
        var flat = MetaWebhookReader.Statuses(Fixtures.MetaStatus("failed-flat-details")).Single().Status.Errors!.Single();

        Assert.Equal(131047, nested.Code);
        Assert.StartsWith("Message failed to send because more than 24 hours", nested.BestDetails);
        Assert.Equal(131053, flat.Code);
        Assert.Equal("Unsupported Audio mime type audio/opus.", flat.BestDetails);
    }

    [Fact]
    public void BatchYieldsEveryMessageOfEveryEntryWithItsOwnSender()
    {
        var envelope = Fixtures.MetaInbound("batch");

        var items = MetaWebhookReader.Messages(envelope).ToList();
        var statuses = MetaWebhookReader.Statuses(envelope).ToList();

        Assert.Equal(["first", "second", "third"], items.Select(i => i.Message.Text!.Body));
        Assert.Equal(["Jana Novak", "Luis", "Mei"], items.Select(i => i.Contact!.Profile!.Name));
        Assert.Equal(["109876543210", "109876543210", "109876543299"], items.Select(i => i.PhoneNumberId));
        Assert.Equal("wamid.OURS", Assert.Single(statuses).Status.Id);
    }

    [Fact]
    public void ChangeWithOnlyErrorsIsReportedForAlertingNotAsAMessage()
    {
        const string json = """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"2"},
              "errors":[{"code":130429,"title":"Rate limit hit","message":"Rate limit hit",
                "error_data":{"details":"Too many messages"}}]}}]}]}
            """;
        var envelope = JsonSerializer.Deserialize<MetaWebhookEnvelope>(json, MetaJson.Options)!;

        Assert.Empty(MetaWebhookReader.Messages(envelope));
        Assert.Equal(130429, MetaWebhookReader.ErrorOnlyChanges(envelope).Single().Errors!.Single().Code);
    }

    [Fact]
    public void EmptyOrPartialEnvelopesParseWithoutThrowing()
    {
        var empty = JsonSerializer.Deserialize<MetaWebhookEnvelope>("{}", MetaJson.Options)!;
        var nullMessages = JsonSerializer.Deserialize<MetaWebhookEnvelope>(
            """{"entry":[{"changes":[{"value":{"messages":null}}, {"field":"messages"}]}]}""", MetaJson.Options)!;

        Assert.Empty(MetaWebhookReader.Messages(empty));
        Assert.Empty(MetaWebhookReader.Messages(nullMessages));
    }

    [Fact]
    public void SendRequestsLeaveOutWhatIsNotSetEvenWithDefaultOptions()
    {
        var request = new MetaSendMessageRequest { To = "4915112345678", Type = "text", Text = new MetaSendText { Body = "hi" } };

        var json = JsonSerializer.Serialize(request);

        Assert.Equal("""{"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"text","text":{"body":"hi"}}""", json);
    }

    [Fact]
    public void GraphErrorAndMediaMetadataResponsesParse()
    {
        const string error = """
            {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
              "error_data":{"messaging_product":"whatsapp","details":"More than 24 hours have passed."},
              "error_subcode":2494055,"fbtrace_id":"Az8or2yhqkZfEZ"}}
            """;
        const string media = """
            {"messaging_product":"whatsapp","url":"https://lookaside.fbsbx.com/x","mime_type":"image/jpeg",
             "sha256":"abc=","file_size":"303833","id":"2621233374848975"}
            """;

        var graph = JsonSerializer.Deserialize<MetaGraphErrorBody>(error, MetaJson.Options)!.Error!;
        var metadata = JsonSerializer.Deserialize<MetaMediaMetadata>(media, MetaJson.Options)!;

        Assert.Equal(131047, graph.Code);
        Assert.Equal(2494055, graph.ErrorSubcode);
        Assert.Equal("More than 24 hours have passed.", graph.ErrorData!.Details);
        Assert.Equal(303833, metadata.FileSize);
        Assert.Equal("image/jpeg", metadata.MimeType);
    }

    [Fact]
    public void SendResponseParsesForPhoneAndBsuidSends()
    {
        const string json = """
            {"messaging_product":"whatsapp","contacts":[{"input":"DE.1122334455667788","user_id":"DE.1122334455667788"}],
             "messages":[{"id":"wamid.SENT","message_status":"accepted"}]}
            """;

        var response = JsonSerializer.Deserialize<MetaSendMessageResponse>(json, MetaJson.Options)!;

        Assert.Equal("wamid.SENT", response.Messages!.Single().Id);
        Assert.Equal("accepted", response.Messages!.Single().MessageStatus);
        Assert.Equal("DE.1122334455667788", response.Contacts!.Single().UserId);
    }
}
