using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class WebhookSignatureTests
{
    private static byte[] Hmac(byte[] body, string secret = GenesysSandboxHost.WebhookSecret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    [Fact]
    public async Task TheSignatureIsTheBase64HmacOfTheRawBodyNotTheHexOne()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        await host.SendAgentMessageAsync(conversationId, new { text = "Signed <&> ünïcode 👍" });
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));

        Assert.Equal("sha256=" + Convert.ToBase64String(Hmac(webhook.Body)), webhook.Signature);
        Assert.NotEqual("sha256=" + Convert.ToHexStringLower(Hmac(webhook.Body)), webhook.Signature);
        Assert.NotEqual("sha256=" + Convert.ToBase64String(Hmac(webhook.Body, "another-secret")), webhook.Signature);

        var tampered = (byte[])webhook.Body.Clone();
        tampered[^2] ^= 0x01;
        Assert.NotEqual("sha256=" + Convert.ToBase64String(Hmac(tampered)), webhook.Signature);
    }

    [Fact]
    public async Task TheBodyIsCompactJsonWithUnescapedTextSoItEqualsJsonStringifyOfItself()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");

        await host.SendAgentMessageAsync(conversationId, new { text = "a <b> & \"c\" 👍" });
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));
        var raw = Encoding.UTF8.GetString(webhook.Body);

        Assert.Contains("\"text\":\"a <b> & \\\"c\\\" 👍\"", raw);
        Assert.DoesNotContain("\n", raw);
        Assert.DoesNotContain("\\u", raw);
    }

    [Fact]
    public async Task ARawWebhookIsPostedByteForByteAndSignedWithTheIntegrationSecret()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        const string body = """{ "id" : "raw-1",  "type":"Text", "text":"spaces kept" }""";

        using var response = await host.Client.PostJsonAsync("/sandbox/webhooks/raw", new { body });

        var result = await response.JsonAsync();
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        var webhook = Assert.Single(host.Receiver.Received);
        Assert.Equal(Encoding.UTF8.GetBytes(body), webhook.Body);
        Assert.Equal("sha256=" + Convert.ToBase64String(Hmac(webhook.Body)), webhook.Signature);
        Assert.Equal(webhook.Signature, result.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task ARawWebhookCanCarryAForgedSignatureOrNoneAndReportsTheReceiversStatus()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        host.Receiver.Script(401);

        using var forged = await host.Client.PostJsonAsync("/sandbox/webhooks/raw", new { body = "{}", signature = "sha256=forged" });
        using var unsigned = await host.Client.PostJsonAsync("/sandbox/webhooks/raw", new { body = "{}", signature = "" });

        Assert.Equal(401, (await forged.JsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(200, (await unsigned.JsonAsync()).GetProperty("status").GetInt32());
        var received = host.Receiver.Received.ToList();
        Assert.Equal("sha256=forged", received[0].Signature);
        Assert.Null(received[1].Signature);
    }

    [Fact]
    public async Task ARegisteredIntegrationSignsWithItsOwnSecretAndSendsItsStaticHeaders()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        using (var register = await host.Client.PostJsonAsync("/sandbox/integrations", new
        {
            integrationId = "22222222-3333-4444-5555-666666666666",
            webhookUrl = host.Receiver.HookUrl,
            webhookSecret = "tenant-c-webhook-secret",
            clientId = "tenant-c-client",
            clientSecret = "tenant-c-secret",
            webhookHeaders = new Dictionary<string, string> { ["X-Tenant"] = "c" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            Assert.False((await register.JsonAsync()).ToString().Contains("tenant-c-webhook-secret", StringComparison.Ordinal));
        }
        var token = await host.GetTokenAsync("tenant-c-client", "tenant-c-secret");
        using var inbound = await host.PostInboundAsync(token, "message", GenesysSandboxHost.TextMessage("+15550001", "hi"),
            "22222222-3333-4444-5555-666666666666", "?prefetchConversationId=true");
        var conversationId = (await inbound.JsonAsync()).GetProperty("conversationId").GetString()!;

        await host.SendAgentMessageAsync(conversationId, new { text = "tenant c" });
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));

        Assert.Equal("sha256=" + Convert.ToBase64String(Hmac(webhook.Body, "tenant-c-webhook-secret")), webhook.Signature);
        Assert.Equal("c", webhook.Headers["X-Tenant"]);
    }
}
