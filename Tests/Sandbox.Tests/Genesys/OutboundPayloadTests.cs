using System.Net;
using System.Text;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class OutboundPayloadTests
{
    public static TheoryData<string, string> AgentMessages => new()
    {
        { "text", """{"text":"How can I help? 👍"}""" },
        { "attachment", """{"text":"the invoice","attachment":{"base64":"JVBERi0xLjQK","mime":"application/pdf","filename":"invoice.pdf"}}""" },
        { "quick replies", """{"text":"Do you want to proceed?","quickReplies":[{"text":"Yes"},{"text":"No","payload":"NO"}]}""" },
        { "notification", """{"notification":{"namespace":"ns","name":"order_update","language":"en_US","headerText":"Hello","bodyText":"Hi {{1}}, order {{2}} shipped","footerText":"Bye","parameters":[{"name":"name","text":"Happy"},{"text":"42"}]}}""" },
        { "typing", """{"typing":{"durationMs":5000}}""" },
    };

    [Theory]
    [MemberData(nameof(AgentMessages))]
    public async Task EveryAgentMessageKindIsPostedAsAnOpenMessagingOutboundPayload(string kind, string request)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        using var response = await host.Client.PostAsync($"/sandbox/conversations/{conversationId}/agent-messages",
            new StringContent(request, Encoding.UTF8, "application/json"), HttpTestExtensions.Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetString();
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));

        using var document = JsonDocument.Parse(webhook.Body);
        var payload = document.RootElement;
        Assert.Empty(OutboundContract.Violations(payload));
        Assert.Equal(id, payload.GetProperty("id").GetString());
        Assert.Equal(id, payload.GetProperty("channel").GetProperty("messageId").GetString());
        Assert.Equal(GenesysSandboxHost.IntegrationId, payload.GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal(GenesysSandboxHost.IntegrationId, payload.GetProperty("channel").GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("Opaque", payload.GetProperty("channel").GetProperty("from").GetProperty("idType").GetString());
        Assert.Equal("+15550001", payload.GetProperty("channel").GetProperty("to").GetProperty("id").GetString());
        Assert.Equal("Phone", payload.GetProperty("channel").GetProperty("to").GetProperty("idType").GetString());
        Assert.Equal("Outbound", payload.GetProperty("direction").GetString());
        Assert.Equal(conversationId, payload.GetProperty("conversationId").GetString());
        Assert.Equal("application/json", webhook.Headers["Content-Type"]);

        switch (kind)
        {
            case "text":
                Assert.Equal("Text", payload.GetProperty("type").GetString());
                Assert.Equal("How can I help? 👍", payload.GetProperty("text").GetString());
                Assert.Equal("Human", payload.GetProperty("originatingEntity").GetString());
                break;
            case "attachment":
                Assert.Equal("Text", payload.GetProperty("type").GetString());
                var attachment = payload.GetProperty("content")[0].GetProperty("attachment");
                Assert.Equal("Attachment", payload.GetProperty("content")[0].GetProperty("contentType").GetString());
                Assert.Equal("File", attachment.GetProperty("mediaType").GetString());
                Assert.Equal("application/pdf", attachment.GetProperty("mime").GetString());
                Assert.Equal("invoice.pdf", attachment.GetProperty("filename").GetString());
                Assert.Equal(9, attachment.GetProperty("contentSizeBytes").GetInt64());
                Assert.Contains("/api/v2/downloads/pce", attachment.GetProperty("url").GetString());
                break;
            case "quick replies":
                Assert.Equal("Structured", payload.GetProperty("type").GetString());
                Assert.Equal("Do you want to proceed?", payload.GetProperty("text").GetString());
                var replies = payload.GetProperty("content").EnumerateArray().ToList();
                Assert.All(replies, r => Assert.Equal("QuickReply", r.GetProperty("contentType").GetString()));
                Assert.Equal(["Yes", "NO"], replies.Select(r => r.GetProperty("quickReply").GetProperty("payload").GetString()));
                Assert.All(replies, r => Assert.Equal("Message", r.GetProperty("quickReply").GetProperty("action").GetString()));
                break;
            case "notification":
                Assert.Equal("Structured", payload.GetProperty("type").GetString());
                Assert.Equal("Hi Happy, order 42 shipped", payload.GetProperty("text").GetString());
                var template = payload.GetProperty("content")[0].GetProperty("template");
                Assert.Equal("Notification", payload.GetProperty("content")[0].GetProperty("contentType").GetString());
                Assert.Equal("ns@order_update", template.GetProperty("id").GetString());
                Assert.Equal("en_US", template.GetProperty("language").GetString());
                Assert.Equal("Text", template.GetProperty("header").GetProperty("type").GetString());
                Assert.Equal(["Happy", "42"], template.GetProperty("body").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
                Assert.Equal("name", template.GetProperty("body").GetProperty("parameters")[0].GetProperty("name").GetString());
                break;
            case "typing":
                Assert.Equal("Event", payload.GetProperty("type").GetString());
                var typing = payload.GetProperty("events")[0];
                Assert.Equal("Typing", typing.GetProperty("eventType").GetString());
                Assert.Equal("On", typing.GetProperty("typing").GetProperty("type").GetString());
                Assert.Equal(5000, typing.GetProperty("typing").GetProperty("duration").GetInt32());
                Assert.False(payload.TryGetProperty("originatingEntity", out _));
                break;
        }
    }

    [Fact]
    public void TheContractRejectsPayloadsThatDifferFromGenesysFieldNamesAndEnums()
    {
        // Guards the guard: the contract must catch the mistakes it exists for.
        using var misspelt = JsonDocument.Parse("""{"id":"1","channel":{"from":{"nickName":"x","id":"i","idType":"Opaque"},"time":"2021-02-01T15:04:05.123Z"},"type":"Text","direction":"Outbound"}""");
        using var badEnum = JsonDocument.Parse("""{"id":"1","type":"Template","direction":"outbound","content":[{"contentType":"Button","attachment":{"url":"u"}}]}""");

        Assert.Contains("$.channel.from.nickName is not a field of recipient", OutboundContract.Violations(misspelt.RootElement));
        var violations = OutboundContract.Violations(badEnum.RootElement);
        Assert.Contains(violations, v => v.StartsWith("$.type 'Template'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.direction 'outbound'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("$.content[0].contentType 'Button'", StringComparison.Ordinal));
        Assert.Contains("$.content[0].attachment misses required mediaType", violations);
    }

    [Fact]
    public async Task TheAgentAttachmentIsDownloadableFromItsUrlWithoutAToken()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.4 sandbox");

        await host.SendAgentMessageAsync(conversationId, new
        {
            attachment = new { base64 = Convert.ToBase64String(bytes), mime = "application/pdf", filename = "doc.pdf" },
        });
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));
        using var payload = JsonDocument.Parse(webhook.Body);
        var url = new Uri(payload.RootElement.GetProperty("content")[0].GetProperty("attachment").GetProperty("url").GetString()!);

        using var download = await host.Client.GetAsync(url.PathAndQuery, HttpTestExtensions.Ct);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync(HttpTestExtensions.Ct));
        using var missing = await host.Client.GetAsync("/api/v2/downloads/pce0000000000000000", HttpTestExtensions.Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnInvalidAgentRequestIsRejectedAndNothingIsPosted()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        using var both = await host.Client.PostJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages",
            new { typing = new { durationMs = 1 }, quickReplies = new[] { new { text = "a" } } });
        using var empty = await host.Client.PostJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages", new { });
        using var unknown = await host.Client.PostJsonAsync($"/sandbox/conversations/{Guid.NewGuid()}/agent-messages", new { text = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await Task.Delay(200, HttpTestExtensions.Ct);
        Assert.Empty(host.Receiver.Received);
    }

    [Fact]
    public async Task TheAgentsClockCanBeSetPerMessageForTestsOfPastHours()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        using var response = await host.Client.PostJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages",
            new { text = "Sent yesterday", time = "2026-03-24T09:15:30.250Z" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));

        using var document = JsonDocument.Parse(webhook.Body);
        Assert.Equal("2026-03-24T09:15:30.250Z", document.RootElement.GetProperty("channel").GetProperty("time").GetString());
    }
}
