using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class ControlApiTests
{
    [Fact]
    public async Task InfoReturnsTheSandboxTenantIdentifiersWithoutSecrets()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.Client.GetAsync("/sandbox/info", MetaSandboxHost.Cancellation);
        var text = await response.Content.ReadAsStringAsync(MetaSandboxHost.Cancellation);
        var info = JsonDocument.Parse(text).RootElement;

        Assert.Equal(MetaSandboxHost.WabaId, info.GetProperty("wabaId").GetString());
        Assert.Equal([MetaSandboxHost.PhoneNumberId], info.GetProperty("phoneNumberIds").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("+15550783881", info.GetProperty("displayPhoneNumber").GetString());
        Assert.Equal("v23.0", info.GetProperty("graphVersion").GetString());
        Assert.Equal(host.Receiver.Url, info.GetProperty("webhookUrl").GetString());
        Assert.DoesNotContain(MetaSandboxHost.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(MetaSandboxHost.AppSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyRunsTheHandshakeAndReportsWhetherTheChallengeWasEchoed()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var good = await host.Client.PostAsJsonAsync("/sandbox/webhooks/verify", new { challenge = "1158201444" }, MetaSandboxHost.Cancellation);
        var bad = await host.Client.PostAsJsonAsync("/sandbox/webhooks/verify", new { verifyToken = "wrong" }, MetaSandboxHost.Cancellation);

        var goodResult = await good.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var badResult = await bad.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        Assert.True(goodResult.GetProperty("challengeEchoed").GetBoolean());
        Assert.Equal("1158201444", goodResult.GetProperty("body").GetString());
        Assert.False(badResult.GetProperty("challengeEchoed").GetBoolean());
        Assert.Equal(403, badResult.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RegisteredBusinessGetsWebhooksAtItsUrlSignedWithItsSecret()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        second.AppSecret = "tenant-two-secret";
        await host.Client.PostAsJsonAsync("/sandbox/businesses", new
        {
            wabaId = "200000000000003", phoneNumberIds = new[] { "300000000000003" }, displayPhoneNumber = "+1 555 000 0003",
            accessToken = "tenant-two-token", appSecret = "tenant-two-secret", verifyToken = "v2", webhookUrl = second.Url,
        }, MetaSandboxHost.Cancellation);

        await host.CustomerSendsAsync("15550800001", new { type = "text", text = "to tenant two", phoneNumberId = "300000000000003" });
        var webhook = (await second.WaitForAsync(r => r.Count == 1))[0];
        var response = await host.SendAsync(MetaSandboxHost.Text("15550800001", "reply"), "tenant-two-token", "300000000000003");

        Assert.True(webhook.SignatureValid);
        Assert.Equal("200000000000003", webhook.Json.GetProperty("entry")[0].GetProperty("id").GetString());
        Assert.Equal("15550000003", webhook.Value.GetProperty("metadata").GetProperty("display_phone_number").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Receiver.All);
    }

    [Fact]
    public async Task ReplayingAWamidSendsTheSameMessageIdAgain()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var wamid = await host.CustomerSendsAsync("15550800002", new { type = "text", text = "once" });
        var again = await host.CustomerSendsAsync("15550800002", new { type = "text", text = "once", wamid });
        var received = await host.Receiver.WaitForAsync(r => r.Count == 2);

        Assert.Equal(wamid, again);
        Assert.All(received, w => Assert.Equal(wamid, w.Value.GetProperty("messages")[0].GetProperty("id").GetString()));
    }

    [Fact]
    public async Task InvalidCustomerRequestsAreRejected()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var noText = await host.Client.PostAsJsonAsync("/sandbox/customers/15550800003/messages", new { type = "text" }, MetaSandboxHost.Cancellation);
        var unknownNumber = await host.Client.PostAsJsonAsync("/sandbox/customers/15550800003/messages",
            new { type = "text", text = "x", phoneNumberId = "999" }, MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownNumber.StatusCode);
    }

    [Fact]
    public async Task InboundMediaIdIsReturnedAndDocumentKeepsItsFilename()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/sandbox/customers/15550800004/messages", new
        {
            type = "document", media = new { base64 = Convert.ToBase64String("%PDF-1.4"u8.ToArray()), mimeType = "application/pdf", filename = "invoice.pdf", caption = "my invoice" },
        }, MetaSandboxHost.Cancellation);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(MetaSandboxHost.Cancellation);
        var document = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0].Value.GetProperty("messages")[0].GetProperty("document");

        Assert.Equal(result.GetProperty("mediaId").GetString(), document.GetProperty("id").GetString());
        Assert.Equal("invoice.pdf", document.GetProperty("filename").GetString());
        Assert.Equal("my invoice", document.GetProperty("caption").GetString());
        Assert.Equal("application/pdf", document.GetProperty("mime_type").GetString());
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        var health = await host.Client.GetAsync("/health", MetaSandboxHost.Cancellation);
        var alive = await host.Client.GetAsync("/alive", MetaSandboxHost.Cancellation);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
