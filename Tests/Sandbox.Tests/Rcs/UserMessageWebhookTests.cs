using System.Net;
using System.Text;
using WhatsAppGenesys.Sandbox.Tests.Rcs.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Rcs;

// A simulated user writes to the agent: the simulator posts RBM's UserMessage to our webhook, signed, and reports what
// it posted and what the webhook answered.
public sealed class UserMessageWebhookTests
{
    [Fact]
    public async Task ATextMessageIsPostedSignedAndReported()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        var result = await host.UserSendsAsync("+15551300001", new { text = "Olá 👋 \"quoted\"" });
        var webhook = Assert.Single(host.Receiver.All);

        Assert.Equal(200, result.GetProperty("webhook").GetProperty("status").GetInt32());
        Assert.True(result.GetProperty("webhook").GetProperty("acknowledged").GetBoolean());
        Assert.Equal("PubSub", result.GetProperty("format").GetString());
        Assert.Equal(Encoding.UTF8.GetString(webhook.Body), result.GetProperty("body").GetString());
        Assert.Equal(webhook.Signature, result.GetProperty("signature").GetString());
        Assert.True(webhook.SignatureValid(RcsSandboxHost.WebhookSecret));

        var message = webhook.Event;
        Assert.Equal("+15551300001", message.GetProperty("senderPhoneNumber").GetString());
        Assert.StartsWith("Mx", message.GetProperty("messageId").GetString(), StringComparison.Ordinal);
        Assert.Equal(result.GetProperty("sent").GetProperty("messageId").GetString(), message.GetProperty("messageId").GetString());
        Assert.Equal(RcsSandboxHost.EventAgentId, message.GetProperty("agentId").GetString());
        Assert.True(DateTimeOffset.TryParse(message.GetProperty("sendTime").GetString(), out _));
        Assert.Equal("Olá 👋 \"quoted\"", message.GetProperty("text").GetString());
        // The event's bytes carry the real UTF-8.
        Assert.Contains("Olá", Encoding.UTF8.GetString(webhook.EventBytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuggestionResponseAndALocationHaveRbmsShapes()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        await host.UserSendsAsync("+15551300002", new { suggestionResponse = new { postbackData = "answer_yes", text = "Yes" } });
        await host.UserSendsAsync("+15551300002", new { suggestionResponse = new { postbackData = "web", text = "Website", type = "action" } });
        await host.UserSendsAsync("+15551300002", new { location = new { latitude = 37.422, longitude = -122.084 } });

        var events = host.Receiver.All.Select(w => w.Event).ToList();
        var reply = events[0].GetProperty("suggestionResponse");
        Assert.Equal("answer_yes", reply.GetProperty("postbackData").GetString());
        Assert.Equal("Yes", reply.GetProperty("text").GetString());
        Assert.Equal("REPLY", reply.GetProperty("type").GetString());
        Assert.Equal("ACTION", events[1].GetProperty("suggestionResponse").GetProperty("type").GetString());
        Assert.Equal(37.422, events[2].GetProperty("location").GetProperty("latitude").GetDouble());
        Assert.Equal(-122.084, events[2].GetProperty("location").GetProperty("longitude").GetDouble());
        Assert.All(host.Receiver.All, w => Assert.True(w.SignatureValid(RcsSandboxHost.WebhookSecret)));
    }

    [Fact]
    public async Task AFilesUriServesItsBytes()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7 pretend invoice");
        var thumbnail = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 };

        await host.UserSendsAsync("+15551300003", new
        {
            file = new
            {
                base64 = Convert.ToBase64String(bytes),
                mimeType = "application/pdf",
                fileName = "invoice.pdf",
                thumbnailBase64 = Convert.ToBase64String(thumbnail),
                thumbnailMimeType = "image/jpeg",
            },
        });
        var userFile = Assert.Single(host.Receiver.All).Event.GetProperty("userFile");

        var payload = userFile.GetProperty("payload");
        Assert.Equal("application/pdf", payload.GetProperty("mimeType").GetString());
        Assert.Equal(bytes.Length, payload.GetProperty("fileSizeBytes").GetInt32());
        Assert.Equal("invoice.pdf", payload.GetProperty("fileName").GetString());
        using var file = await host.Client.GetAsync(payload.GetProperty("fileUri").GetString(), RcsSandboxHost.Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync(RcsSandboxHost.Ct));
        using var thumb = await host.Client.GetAsync(userFile.GetProperty("thumbnail").GetProperty("fileUri").GetString(), RcsSandboxHost.Ct);
        Assert.Equal(thumbnail, await thumb.Content.ReadAsByteArrayAsync(RcsSandboxHost.Ct));
        using var missing = await host.Client.GetAsync("/files/0000", RcsSandboxHost.Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ThePlainFormatPostsTheEventItselfSignedOverTheBody()
    {
        await using var host = await RcsSandboxHost.StartAsync(new Dictionary<string, string?> { ["RcsSandbox:WebhookFormat"] = "Plain" });

        await host.UserSendsAsync("+15551300004", new { text = "plain" });
        var webhook = Assert.Single(host.Receiver.All);

        Assert.False(webhook.IsPubSub);
        Assert.Equal("plain", webhook.Json.GetProperty("text").GetString());
        Assert.True(GoogSignatureCheck.Verify(webhook.Body, webhook.Signature, RcsSandboxHost.WebhookSecret));
    }

    [Fact]
    public async Task AFailedFirstAttemptIsReportedAndRetried()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        host.Receiver.Script(500);

        var result = await host.UserSendsAsync("+15551300005", new { text = "retry me" });
        await host.Receiver.WaitForAsync(acknowledged => acknowledged.Count == 1);

        Assert.Equal(500, result.GetProperty("webhook").GetProperty("status").GetInt32());
        Assert.False(result.GetProperty("webhook").GetProperty("acknowledged").GetBoolean());
        Assert.Equal(2, host.Receiver.All.Count);
        Assert.Equal(host.Receiver.All[0].Body, host.Receiver.All[1].Body);
    }

    [Fact]
    public async Task AGivenMessageIdIsKeptSoReceiversCanBeTestedForDeduplication()
    {
        await using var host = await RcsSandboxHost.StartAsync();

        await host.UserSendsAsync("+15551300006", new { text = "once", messageId = "MxRepeated" });
        await host.UserSendsAsync("+15551300006", new { text = "once", messageId = "MxRepeated" });

        Assert.Equal(["MxRepeated", "MxRepeated"], host.Receiver.All.Select(w => w.Event.GetProperty("messageId").GetString()));
        Assert.Equal(2, (await host.GetJsonAsync("/sandbox/users/%2B15551300006/sent")).GetArrayLength());
    }

    [Fact]
    public async Task TypingAndReceiptsCanBeSentByHand()
    {
        await using var host = await RcsSandboxHost.StartAsync();
        await host.PatchAsync("/sandbox/settings", new { finalEvent = "NONE" });
        var token = await host.GetAccessTokenAsync();
        var messageId = RcsSandboxHost.NewId();
        await host.SendAcceptedAsync("+15551300007", RcsSandboxHost.Text("hi"), token, messageId);

        await host.PostJsonOkAsync("/sandbox/users/%2B15551300007/events", new { eventType = "IS_TYPING" });
        await host.PostJsonOkAsync("/sandbox/users/%2B15551300007/events", new { eventType = "READ", messageId });
        using var unknown = await host.PostJsonAsync("/sandbox/users/%2B15551300007/events", new { eventType = "READ", messageId = "nope" });

        Assert.Equal(["IS_TYPING", "READ"], host.Receiver.All.Select(w => w.EventType));
        Assert.False(host.Receiver.All[0].Event.TryGetProperty("messageId", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"text":"a","location":{"latitude":1,"longitude":2}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"text":"a","agentId":"no_such_agent"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"suggestionResponse":{"text":"a"}}""", HttpStatusCode.BadRequest)]
    public async Task ABadUserMessageRequestIsRefused(string json, HttpStatusCode expected)
    {
        await using var host = await RcsSandboxHost.StartAsync();

        using var response = await host.Client.PostAsync("/sandbox/users/%2B15551300008/messages",
            new StringContent(json, Encoding.UTF8, "application/json"), RcsSandboxHost.Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(host.Receiver.All);
    }
}
