using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using WhatsAppGenesys.Contracts.Genesys;

namespace WhatsAppGenesys.UnitTests.Mapping;

public class GenesysWireModelTests
{
    public static TheoryData<string> OutboundFixtures => new(Fixtures.Names("Genesys/Outbound"));

    [Theory]
    [MemberData(nameof(OutboundFixtures))]
    public void EveryOutboundFixtureParses(string name)
    {
        var message = Fixtures.GenesysOutbound(name);

        Assert.Equal("e5a1c0ffee5a1c0ffee5a1c0ffee0001", message.Id);
        Assert.NotEqual(GenesysMessageType.Unknown, message.Type);
        Assert.Equal("5f1d8c0e-7a2b-4c3d-9e8f-0a1b2c3d4e5f", message.Channel!.Id);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T13:00:00.250Z"), message.Channel.Time);
        Assert.Equal("tenant-berlin", message.Channel.Metadata!.CustomAttributes!["tenantId"]);
        Assert.False(string.IsNullOrEmpty(message.Channel.To!.Id));
    }

    [Fact]
    public void EventsReceiptsAndTemplatesParseIntoTheirParts()
    {
        var typing = Fixtures.GenesysOutbound("typing");
        var receipt = Fixtures.GenesysOutbound("receipt");
        var notification = Fixtures.GenesysOutbound("notification");

        Assert.Equal(new GenesysEvent { EventType = GenesysEventType.Typing, Typing = new GenesysTyping { Duration = 5000 } },
            Assert.Single(typing.Events!));
        Assert.Equal((GenesysReceiptStatus.Delivered, true), (receipt.Status, receipt.IsFinalReceipt));
        var template = Assert.Single(notification.Content!).Template!;
        Assert.Equal("de-DE", template.Language);
        Assert.Equal(["Jana", "A-1009"], template.Body!.Parameters!.Select(p => p.Text));
    }

    [Fact]
    public void ContentTypesGenesysAddsLaterReadAsUnknownInsteadOfFailing()
    {
        var message = Fixtures.GenesysOutbound("future-content");

        Assert.Equal(GenesysContentType.Unknown, Assert.Single(message.Content!).ContentType);
    }

    [Theory]
    [InlineData("\"Delivered\"", GenesysReceiptStatus.Delivered)]
    [InlineData("\"delivered\"", GenesysReceiptStatus.Delivered)]
    [InlineData("\"Teleported\"", GenesysReceiptStatus.Unknown)]
    [InlineData("\"2\"", GenesysReceiptStatus.Unknown)]
    [InlineData("\"Sent, Read\"", GenesysReceiptStatus.Unknown)]
    [InlineData("3", GenesysReceiptStatus.Unknown)]
    public void EnumsReadTolerantly(string json, GenesysReceiptStatus expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<GenesysReceiptStatus>(json));
    }

    [Fact]
    public void EnumsAreWrittenAsTheirNames()
    {
        Assert.Equal("\"InvalidMediaContentLength\"", JsonSerializer.Serialize(GenesysReasonCode.InvalidMediaContentLength));
        Assert.Equal("{\"code\":\"RateLimited\",\"message\":\"slow down\"}",
            JsonSerializer.Serialize(new GenesysReason { Code = GenesysReasonCode.RateLimited, Message = "slow down" }));
    }

    [Fact]
    public void NicknameIsReadWhateverItsCasing()
    {
        var lower = JsonSerializer.Deserialize<GenesysRecipient>("""{"id":"x","nickname":"Bot"}""", GenesysJson.Options)!;
        var camel = JsonSerializer.Deserialize<GenesysRecipient>("""{"id":"x","nickName":"Bot"}""", GenesysJson.Options)!;

        Assert.Equal("Bot", lower.Nickname);
        Assert.Equal("Bot", camel.Nickname);
    }

    [Theory]
    [InlineData("2021-02-01T15:04:05Z", "2021-02-01T15:04:05.000Z")]
    [InlineData("2021-02-01T15:04:05.1Z", "2021-02-01T15:04:05.100Z")]
    [InlineData("2021-02-01T17:04:05.123+02:00", "2021-02-01T15:04:05.123Z")]
    public void TimesAreReadInAnyIsoFormAndWrittenAsUtcWithMilliseconds(string wire, string written)
    {
        var channel = JsonSerializer.Deserialize<GenesysReceiptChannel>(
            $$"""{"to":{"id":"+1"},"time":"{{wire}}"}""", GenesysJson.Options)!;

        Assert.Contains($"\"time\":\"{written}\"", JsonSerializer.Serialize(channel, GenesysJson.Options));
    }

    [Fact]
    public void ChannelMetadataKeepsWhatGenesysAddsBesideCustomAttributes()
    {
        var metadata = JsonSerializer.Deserialize<GenesysChannelMetadata>(
            """{"subType":"None","customAttributes":{"tenantId":"t"}}""", GenesysJson.Options)!;

        Assert.Equal("t", metadata.CustomAttributes!["tenantId"]);
        Assert.Equal("None", metadata.Other!["subType"].GetString());
        Assert.Contains("\"subType\":\"None\"", JsonSerializer.Serialize(metadata, GenesysJson.Options));
    }

    [Fact]
    public void MalformedTimeIsAJsonErrorLikeAnyOtherBadInput()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GenesysReceiptChannel>(
            """{"to":{"id":"+1"},"time":"yesterday"}""", GenesysJson.Options));
    }

    [Fact]
    public void WebhookRecipientWithoutIdStillParses()
    {
        var message = JsonSerializer.Deserialize<GenesysOutboundMessage>(
            """{"id":"m","type":"Text","text":"x","channel":{"to":{"idType":"Opaque"},"time":"2026-01-01T00:00:00Z"}}""",
            GenesysJson.Options)!;

        Assert.Equal("", message.Channel!.To!.Id);
    }

    [Fact]
    public void BodiesWeSendLeaveOutWhatIsNotSetEvenWithDefaultOptions()
    {
        var body = new GenesysInboundMessage
        {
            Channel = new GenesysInboundChannel
            {
                From = new GenesysRecipient { Id = "+1", IdType = GenesysIdType.Phone }, Time = DateTimeOffset.UnixEpoch,
            },
            Text = "hi",
        };

        Assert.Equal("""{"channel":{"from":{"id":"\u002B1","idType":"Phone"},"time":"1970-01-01T00:00:00.000Z"},"text":"hi"}""",
            JsonSerializer.Serialize(body));
    }

    [Fact]
    public void TokenResponseNeverShowsTheToken()
    {
        var token = JsonSerializer.Deserialize<GenesysTokenResponse>(
            """{"access_token":"eyJ-very-secret","token_type":"bearer","expires_in":86400}""", GenesysJson.Options)!;

        Assert.Equal("eyJ-very-secret", token.AccessToken!.Reveal());
        Assert.Equal(86400, token.ExpiresIn);
        Assert.DoesNotContain("very-secret", token.ToString());
        Assert.DoesNotContain("very-secret", JsonSerializer.Serialize(token, GenesysJson.Options));
    }

    [Fact]
    public void ErrorBodyParsesWithDetailsAndLimits()
    {
        const string json = """
            {"message":"Rate limit exceeded the maximum [300] requests within [60] seconds","code":"too.many.requests",
             "status":429,"contextId":"a1b2","details":[{"errorCode":"rate.limit","fieldName":"x"}],
             "errors":[{"message":"inner","code":"bad.request","status":400}],"limit":{"key":"k","namespace":"platform","value":300}}
            """;

        var error = JsonSerializer.Deserialize<GenesysErrorBody>(json, GenesysJson.Options)!;

        Assert.Equal(("too.many.requests", 429), (error.Code, error.Status));
        Assert.Equal("rate.limit", error.Details!.Single().ErrorCode);
        Assert.Equal("bad.request", error.Errors!.Single().Code);
        Assert.Equal(300, error.Limit!.Value);
    }

    // The OpenOutboundNormalizedMessage JSON schema (go-gcloudcx testdata), as a checklist: every property and enum
    // value it defines has a place in our models.
    [Theory]
    [InlineData(typeof(GenesysOutboundMessage), "id,channel,type,text,content,status,reasons,isFinalReceipt,originatingEntity,direction")]
    [InlineData(typeof(GenesysOutboundChannel), "id,platform,type,to,from,time,messageId")]
    [InlineData(typeof(GenesysRecipient), "id,idType,firstName,lastName,nickname")]
    [InlineData(typeof(GenesysOutboundContent), "contentType,attachment,template")]
    [InlineData(typeof(GenesysAttachment), "id,mediaType,url,mime,filename,text,sha256")]
    [InlineData(typeof(GenesysNotificationTemplate), "id,language,header,body,footer")]
    [InlineData(typeof(GenesysTemplateHeader), "type,text,media,parameters")]
    [InlineData(typeof(GenesysTemplateBody), "text,parameters")]
    [InlineData(typeof(GenesysTemplateParameter), "name,text")]
    [InlineData(typeof(GenesysReason), "code,message")]
    public void ModelsCoverEveryPropertyOfTheOutboundSchema(Type model, string schemaProperties)
    {
        var wireNames = model.GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).OfType<string>().ToHashSet();

        Assert.Empty(schemaProperties.Split(',').Except(wireNames));
    }

    [Theory]
    [InlineData(typeof(GenesysReasonCode), "MessageExpired,RateLimited,MessageNotAllowed,GeneralError,UnsupportedMessage,UnknownMessage,InvalidMessageStructure,InvalidDestination,ServerError,MediaTypeNotAllowed,InvalidMediaContentLength,RecipientOptedOut")]
    [InlineData(typeof(GenesysReceiptStatus), "Sent,Delivered,Read,Failed,Published,Removed")]
    [InlineData(typeof(GenesysMediaType), "Image,Video,Audio,File,Link")]
    [InlineData(typeof(GenesysIdType), "Email,Phone,Opaque")]
    [InlineData(typeof(GenesysMessageType), "Text,Structured,Receipt")]
    [InlineData(typeof(GenesysContentType), "Attachment,Notification")]
    [InlineData(typeof(GenesysDirection), "Inbound,Outbound")]
    [InlineData(typeof(GenesysOriginatingEntity), "Human,Bot")]
    [InlineData(typeof(GenesysTemplateHeaderType), "Text,Media")]
    public void EnumsCoverEveryValueOfTheOutboundSchema(Type enumType, string schemaValues)
    {
        Assert.Empty(schemaValues.Split(',').Except(Enum.GetNames(enumType)));
    }
}
