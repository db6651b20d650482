using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class AttachmentTests
{
    private static string AttachmentMessage(string customerId, string url, string mime = "image/png", string mediaType = "Image") =>
        new JsonObject
        {
            ["channel"] = new JsonObject
            {
                ["messageId"] = "wamid." + Guid.NewGuid().ToString("N"),
                ["from"] = new JsonObject { ["id"] = customerId, ["idType"] = "Phone" },
                ["time"] = "2026-03-25T13:20:05.493Z",
            },
            ["text"] = "a caption",
            ["content"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "Attachment",
                ["attachment"] = new JsonObject
                {
                    ["mediaType"] = mediaType,
                    ["url"] = url,
                    ["mime"] = mime,
                    ["filename"] = "photo.png",
                },
            }),
        }.ToJsonString();

    [Fact]
    public async Task TheSimulatorFetchesTheAttachmentAndRecordsSizeHashAndMime()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var bytes = RandomNumberGenerator.GetBytes(5000);
        var url = host.Receiver.ServeFile("photo.png", bytes, "image/png");

        using var response = await host.PostInboundAsync(token, "message", AttachmentMessage("+15550001", url),
            query: "?prefetchConversationId=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(expectedSha, body.GetProperty("content")[0].GetProperty("attachment").GetProperty("sha256").GetString());
        var message = (await host.GetConversationAsync(body.GetProperty("conversationId").GetString()!)).GetProperty("messages")[0];
        var fetch = message.GetProperty("content")[0].GetProperty("fetch");
        Assert.True(fetch.GetProperty("succeeded").GetBoolean());
        Assert.Equal(200, fetch.GetProperty("httpStatus").GetInt32());
        Assert.Equal(5000, fetch.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(expectedSha, fetch.GetProperty("sha256").GetString());
        Assert.Equal("image/png", fetch.GetProperty("contentType").GetString());
        Assert.False(message.GetProperty("rejected").GetBoolean());
        Assert.Equal(1, (await host.GetCountersAsync()).GetProperty("attachmentsFetched").GetInt32());
    }

    [Theory]
    [InlineData("/expired/photo.png?X-Amz-Signature=secret-signature", 403)]
    [InlineData("/files/missing.png", 404)]
    public async Task AnExpiredOrMissingAttachmentUrlIsAVisibleFailure(string path, int status)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        using var response = await host.PostInboundAsync(token, "message", AttachmentMessage("+15550001", host.Receiver.BaseUrl + path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("bad.request", body.GetProperty("code").GetString());
        Assert.Contains($"HTTP {status}", body.GetProperty("message").GetString());
        // A pre-signed URL's signature is a credential: it never appears in the error text.
        Assert.DoesNotContain("secret-signature", body.GetProperty("message").GetString());
        var detail = body.GetProperty("details")[0];
        Assert.Equal("attachment.download.failed", detail.GetProperty("errorCode").GetString());
        Assert.Equal("content[0].attachment.url", detail.GetProperty("fieldName").GetString());

        var messages = (await host.GetConversationAsync(conversationId)).GetProperty("messages");
        var failed = messages[1];
        Assert.True(failed.GetProperty("rejected").GetBoolean());
        Assert.False(failed.TryGetProperty("id", out _), "a rejected message has no Genesys message id");
        Assert.Equal(status, failed.GetProperty("content")[0].GetProperty("fetch").GetProperty("httpStatus").GetInt32());
        Assert.False(failed.GetProperty("content")[0].GetProperty("fetch").GetProperty("succeeded").GetBoolean());
        var counters = await host.GetCountersAsync();
        Assert.Equal(1, counters.GetProperty("inboundMessagesRejected").GetInt32());
        Assert.Equal(1, counters.GetProperty("attachmentFetchFailures").GetInt32());
    }

    [Fact]
    public async Task AnUnreachableAttachmentUrlIsAVisibleFailure()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        // Port 9 (discard) on loopback has no listener: the connection is refused.
        using var response = await host.PostInboundAsync(token, "message", AttachmentMessage("+15550001", "http://127.0.0.1:9/photo.png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var conversation = await host.Client.GetJsonAsync("/sandbox/conversations/lookup?customerId=%2B15550001");
        var fetch = conversation.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("fetch");
        Assert.False(fetch.GetProperty("succeeded").GetBoolean());
        Assert.False(fetch.TryGetProperty("httpStatus", out _));
        Assert.False(string.IsNullOrEmpty(fetch.GetProperty("error").GetString()));
    }
}
