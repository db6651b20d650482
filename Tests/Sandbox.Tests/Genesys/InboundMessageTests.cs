using System.Net;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class InboundMessageTests
{
    private const string Time = "2026-03-25T13:20:05.493Z";

    [Theory]
    [InlineData("""{"channel":{"from":{"idType":"Phone"},"time":"2026-03-25T13:20:05.493Z"},"text":"hi"}""",
        "bad.request", ".channel.from should have required property 'id'", "channel.from.id")]
    [InlineData("""{"channel":{"from":{"id":"+15550001"},"time":"2026-03-25T13:20:05.493Z"},"text":"hi"}""",
        "bad.request", ".channel.from should have required property 'idType'", "channel.from.idType")]
    [InlineData("""{"channel":{"time":"2026-03-25T13:20:05.493Z"},"text":"hi"}""",
        "bad.request", ".channel should have required property 'from'", "channel.from")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"}},"text":"hi"}""",
        "bad.request", ".channel should have required property 'time'", "channel.time")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"25/03/2026 13:20"},"text":"hi"}""",
        "invalid.value", ".channel.time should match format \"date-time\"", "channel.time")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"phone"},"time":"2026-03-25T13:20:05.493Z"},"text":"hi"}""",
        "invalid.value", ".channel.from.idType should be equal to one of the allowed values (Email, Phone, Opaque)", "channel.from.idType")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"2026-03-25T13:20:05.493Z"}}""",
        "bad.request", "should have required property 'content', should have required property '.text', should match some schema in anyOf", "text")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"2026-03-25T13:20:05.493Z"},"content":[{"contentType":"Attachment","attachment":{"mediaType":"Image","mime":"image/png"}}]}""",
        "bad.request", ".content[0].attachment should have required property 'url'", "content[0].attachment.url")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"2026-03-25T13:20:05.493Z"},"content":[{"contentType":"Attachment","attachment":{"mediaType":"Image","url":"http://127.0.0.1:9/a.png"}}]}""",
        "bad.request", ".content[0].attachment should have required property 'mime'", "content[0].attachment.mime")]
    [InlineData("""{"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"2026-03-25T13:20:05.493Z"},"content":[{"contentType":"Attachment","attachment":{"mediaType":"Sticker","url":"http://127.0.0.1:9/a.webp","mime":"image/webp"}}]}""",
        "invalid.value", ".content[0].attachment.mediaType should be equal to one of the allowed values (Image, Video, Audio, File, Link)", "content[0].attachment.mediaType")]
    public async Task AnInvalidMessageIsRejectedWithGenesysErrorBody(string json, string code, string message, string field)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "message", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal(message, body.GetProperty("message").GetString());
        Assert.Equal(message, body.GetProperty("messageWithParams").GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("messageParams").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("errors").ValueKind);
        Assert.Contains(body.GetProperty("details").EnumerateArray(), d => d.GetProperty("fieldName").GetString() == field);
        // The ErrorBody's contextId is the correlation id of the response.
        Assert.Equal(response.Headers.GetValues("inin-correlation-id").Single(), body.GetProperty("contextId").GetString());
        Assert.Equal(response.Headers.GetValues("Genesys-Correlation-Id").Single(), body.GetProperty("contextId").GetString());
        Assert.Equal(1, (await host.GetCountersAsync()).GetProperty("inboundValidationFailures").GetInt32());
    }

    [Fact]
    public async Task MalformedJsonIsABadRequestAndAnotherContentTypeIsUnsupported()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var malformed = await host.PostInboundAsync(token, "message", "{\"channel\":");
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/v2/conversations/messages/{GenesysSandboxHost.IntegrationId}/inbound/open/message")
        {
            Content = new StringContent("channel=x", System.Text.Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var plain = await host.Client.SendAsync(request, HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("bad.request", (await malformed.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal("unsupported.media.type", (await plain.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnAcceptedMessageIsAnsweredWithTheNormalizedMessageAndItsGenesysId()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hello", "wamid.A"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("inin-correlation-id"));
        var body = await response.JsonAsync();
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("id").GetString());
        Assert.Equal("Text", body.GetProperty("type").GetString());
        Assert.Equal("hello", body.GetProperty("text").GetString());
        Assert.Equal("Inbound", body.GetProperty("direction").GetString());
        Assert.Equal("wamid.A", body.GetProperty("channel").GetProperty("messageId").GetString());
        Assert.Equal("+15550001", body.GetProperty("channel").GetProperty("from").GetProperty("id").GetString());
        Assert.False(body.TryGetProperty("conversationId", out _), "conversationId is only returned when prefetched");
    }

    [Fact]
    public async Task PrefetchConversationIdReturnsTheConversationIdOfTheCustomer()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hello"),
            query: "?prefetchConversationId=true");

        var conversationId = (await response.JsonAsync()).GetProperty("conversationId").GetString();
        Assert.True(Guid.TryParse(conversationId, out _));
        var conversation = await host.GetConversationAsync(conversationId!);
        Assert.Equal("+15550001", conversation.GetProperty("customer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task OneCustomersMessagesAreGroupedIntoOneConversationInOrder()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        var first = await host.StartConversationAsync(token, "+15550001");
        var second = await host.StartConversationAsync(token, "+15550001");
        var other = await host.StartConversationAsync(token, "+15550002");
        using (await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "third")))
        {
        }

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        var conversation = await host.GetConversationAsync(first);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(3, messages.Count);
        Assert.Equal(["hello", "hello", "third"], messages.Select(m => m.GetProperty("text").GetString()));
        Assert.All(messages, m => Assert.Equal("Inbound", m.GetProperty("direction").GetString()));
        Assert.Equal([1L, 2L, 3L], messages.Select(m => m.GetProperty("sequence").GetInt64()));

        var list = await host.Client.GetJsonAsync("/sandbox/conversations");
        Assert.Equal(2, list.GetArrayLength());
        var summary = list.EnumerateArray().Single(c => c.GetProperty("id").GetString() == first);
        Assert.Equal(3, summary.GetProperty("messageCount").GetInt32());
        Assert.Equal(GenesysSandboxHost.IntegrationId, summary.GetProperty("integrationId").GetString());
        Assert.Equal("Phone", summary.GetProperty("customer").GetProperty("idType").GetString());
        Assert.Equal("Test Customer", summary.GetProperty("customer").GetProperty("nickname").GetString());
    }

    [Fact]
    public async Task ACustomerIsFoundByPhoneNumberWithOrWithoutThePlus()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        var exact = await host.Client.GetJsonAsync("/sandbox/conversations/lookup?customerId=%2B15550001");
        var withoutPlus = await host.Client.GetJsonAsync("/sandbox/conversations/lookup?customerId=15550001");
        var filtered = await host.Client.GetJsonAsync("/sandbox/conversations?customerId=15550001");
        using var unknown = await host.Client.GetAsync("/sandbox/conversations/lookup?customerId=15559999", HttpTestExtensions.Ct);

        Assert.Equal(conversationId, exact.GetProperty("id").GetString());
        Assert.Equal(conversationId, withoutPlus.GetProperty("id").GetString());
        Assert.Equal(conversationId, filtered.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TheSameChannelMessageIdPostedTwiceIsStoredTwiceAndFlaggedAsADuplicate()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var json = GenesysSandboxHost.TextMessage("+15550001", "once", "wamid.SAME");

        using var first = await host.PostInboundAsync(token, "message", json, query: "?prefetchConversationId=true");
        using var second = await host.PostInboundAsync(token, "message", json);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstBody = await first.JsonAsync();
        var secondId = (await second.JsonAsync()).GetProperty("id").GetString();
        Assert.NotEqual(firstBody.GetProperty("id").GetString(), secondId);
        var conversation = await host.GetConversationAsync(firstBody.GetProperty("conversationId").GetString()!);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.False(messages[0].GetProperty("isDuplicate").GetBoolean());
        Assert.True(messages[1].GetProperty("isDuplicate").GetBoolean());
        Assert.Equal(firstBody.GetProperty("id").GetString(), messages[1].GetProperty("duplicateOf").GetString());
        Assert.Equal(1, conversation.GetProperty("duplicateCount").GetInt32());
        var counters = await host.GetCountersAsync();
        Assert.Equal(2, counters.GetProperty("inboundMessagesAccepted").GetInt32());
        Assert.Equal(1, counters.GetProperty("duplicateMessages").GetInt32());
    }

    [Fact]
    public async Task MetadataAndChannelMetadataAreKeptInTheConversationView()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var json = $$$"""
            {"channel":{"messageId":"wamid.M","from":{"id":"US.123","idType":"Opaque"},"time":"{{{Time}}}",
             "metadata":{"customAttributes":{"tenantId":"t-1"} } },
             "text":"hi","metadata":{"replyTo":"wamid.X"}}
            """;

        using var response = await host.PostInboundAsync(token, "message", json, query: "?prefetchConversationId=true");
        var conversation = await host.GetConversationAsync((await response.JsonAsync()).GetProperty("conversationId").GetString()!);

        var message = conversation.GetProperty("messages")[0];
        Assert.Equal("wamid.X", message.GetProperty("metadata").GetProperty("replyTo").GetString());
        Assert.Equal("t-1", message.GetProperty("channelMetadata").GetProperty("customAttributes").GetProperty("tenantId").GetString());
        Assert.Equal("Opaque", conversation.GetProperty("customer").GetProperty("idType").GetString());
    }

    [Fact]
    public async Task AnUnknownIntegrationIsNotFound()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"),
            integrationId: Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not.found", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnotherClientsTokenIsNotAuthorizedOnTheIntegration()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        await OAuthTests.RegisterAsync(host, "11111111-2222-3333-4444-555555555555", "tenant-b-client", "tenant-b-secret");
        var tenantB = await host.GetTokenAsync("tenant-b-client", "tenant-b-secret");

        using var foreign = await host.PostInboundAsync(tenantB, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"));
        using var own = await host.PostInboundAsync(tenantB, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"),
            integrationId: "11111111-2222-3333-4444-555555555555");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("not.authorized", (await foreign.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task ATypingEventAndAStructuredResponseAreRecordedInTheCustomersConversation()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        using var typing = await host.PostInboundAsync(token, "event", $$$"""
            {"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"{{{Time}}}"},
             "events":[{"eventType":"Typing","typing":{"type":"On","duration":5000}}]}
            """);
        using var button = await host.PostInboundAsync(token, "structured/response", $$$"""
            {"channel":{"messageId":"wamid.B","from":{"id":"+15550001","idType":"Phone"},"time":"{{{Time}}}"},
             "buttonResponse":{"type":"QuickReply","text":"Yes","payload":"yes-payload"},"originatingMessageId":"abc"}
            """);
        using var badEvent = await host.PostInboundAsync(token, "event", $$$"""
            {"channel":{"from":{"id":"+15550001","idType":"Phone"},"time":"{{{Time}}}"},"events":[{"eventType":"Presence"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        Assert.Equal("Event", (await typing.JsonAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, button.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Equal("invalid.value", (await badEvent.JsonAsync()).GetProperty("code").GetString());
        var messages = (await host.GetConversationAsync(conversationId)).GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal("Event", messages[1].GetProperty("type").GetString());
        Assert.Equal("Typing", messages[1].GetProperty("events")[0].GetProperty("eventType").GetString());
        Assert.Equal("Structured", messages[2].GetProperty("type").GetString());
        Assert.Equal("yes-payload", messages[2].GetProperty("buttonResponse").GetProperty("payload").GetString());
        Assert.Equal("abc", messages[2].GetProperty("originatingMessageId").GetString());
    }
}
