using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WhatsAppGenesys.MetaSandbox.Webhooks;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void SignatureMatchesTheReferenceVector()
    {
        // HMAC-SHA256(key="secret", msg="test") from the Elixir whatsapp_sdk docs (hexdocs.pm, WhatsApp.Webhook).
        var signature = WebhookSignature.Sha256("test"u8, "secret");

        Assert.Equal("sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914", signature);
        Assert.Equal(signature, HexSignature.Compute("test"u8.ToArray(), "secret"));
    }

    [Fact]
    public async Task ReceivedWebhookVerifiesWithTheHexSchemeOverItsRawBytes()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        await host.CustomerSendsAsync("15550100001", new { type = "text", text = "Olá 👋 \"quoted\" <b>" });
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0];

        Assert.True(webhook.SignatureValid);
        Assert.Matches("^sha256=[0-9a-f]{64}$", webhook.Signature);
        Assert.Equal("application/json", webhook.ContentType);
        // Compact JSON with the real UTF-8, not \u escapes, so receivers must hash the bytes they got.
        Assert.Contains("\"body\":\"Olá 👋 \\\"quoted\\\" <b>\"", webhook.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", webhook.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", webhook.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedBodyDoesNotVerify()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        await host.CustomerSendsAsync("15550100002", new { type = "text", text = "pay 10" });
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0];
        var tampered = Encoding.UTF8.GetBytes(webhook.Text.Replace("pay 10", "pay 99", StringComparison.Ordinal));

        Assert.True(HexSignature.Verify(webhook.Body, webhook.Signature, MetaSandboxHost.AppSecret));
        Assert.False(HexSignature.Verify(tampered, webhook.Signature, MetaSandboxHost.AppSecret));
        Assert.False(HexSignature.Verify(webhook.Body, webhook.Signature, "another-app-secret"));
    }

    [Fact]
    public async Task Base64EncodedSignatureDoesNotVerify()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        await host.CustomerSendsAsync("15550100003", new { type = "text", text = "hi" });
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0];
        // Genesys signs with Base64; a Meta receiver must not accept that encoding.
        var base64 = "sha256=" + Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(MetaSandboxHost.AppSecret), webhook.Body));

        Assert.NotEqual(base64, webhook.Signature);
        Assert.False(HexSignature.Verify(webhook.Body, base64, MetaSandboxHost.AppSecret));
    }

    [Fact]
    public async Task RawWebhookIsSignedByteForByteUnlessOverridden()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        const string body = "{ \"object\": \"whatsapp_business_account\", \"entry\": [], \"note\": \"caf\\u00e9 ☕\" }";

        var signed = await host.Client.PostAsJsonAsync("/sandbox/webhooks/raw", new { body }, MetaSandboxHost.Cancellation);
        var overridden = await host.Client.PostAsJsonAsync("/sandbox/webhooks/raw",
            new { body, signature = "sha256=" + new string('0', 64) }, MetaSandboxHost.Cancellation);

        var signedResult = await signed.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var overriddenResult = await overridden.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.Equal(200, signedResult.GetProperty("status").GetInt32());
        Assert.Equal("EVENT_RECEIVED", signedResult.GetProperty("body").GetString());
        Assert.Equal(401, overriddenResult.GetProperty("status").GetInt32());
        Assert.Equal(Encoding.UTF8.GetBytes(body), host.Receiver.All[0].Body);
    }
}
