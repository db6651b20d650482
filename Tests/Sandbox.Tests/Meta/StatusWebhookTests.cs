using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class StatusWebhookTests
{
    [Fact]
    public async Task AcceptedMessageReportsSentThenDeliveredThenRead()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("15550600001", new { type = "text", text = "hi", profileName = "Ann" });

        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550600001", "hello"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(wamid).Count == 3);

        var statuses = host.Receiver.StatusesFor(wamid);
        Assert.Equal(["sent", "delivered", "read"], statuses.Select(s => s.GetProperty("status").GetString()));
        Assert.All(statuses, s =>
        {
            Assert.Equal("15550600001", s.GetProperty("recipient_id").GetString());
            Assert.Equal("service", s.GetProperty("pricing").GetProperty("category").GetString());
            Assert.Equal("service", s.GetProperty("conversation").GetProperty("origin").GetProperty("type").GetString());
            Assert.False(s.TryGetProperty("errors", out _));
        });
        // One conversation; its expiry is announced on "sent" only.
        Assert.Single(statuses.Select(s => s.GetProperty("conversation").GetProperty("id").GetString()).Distinct());
        Assert.True(statuses[0].GetProperty("conversation").TryGetProperty("expiration_timestamp", out _));
        Assert.False(statuses[1].GetProperty("conversation").TryGetProperty("expiration_timestamp", out _));
    }

    [Fact]
    public async Task UnreachableCustomerGetsAFailedStatusWithErrors131026()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("15550600002", new { type = "text", text = "hi" });
        await host.Client.PostAsync("/sandbox/customers/15550600002/unreachable", null, MetaSandboxHost.Cancellation);

        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550600002", "hello"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(wamid).Count == 1);
        await Task.Delay(200, MetaSandboxHost.Cancellation);

        var status = Assert.Single(host.Receiver.StatusesFor(wamid));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = Assert.Single(status.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(131026, error.GetProperty("code").GetInt32());
        Assert.Equal("Message undeliverable", error.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_data").GetProperty("details").GetString()));
        Assert.False(status.TryGetProperty("conversation", out _));
        Assert.False(status.TryGetProperty("pricing", out _));
        var record = (await host.GetJsonAsync("/sandbox/customers/15550600002/messages"))[0];
        Assert.Equal("failed", record.GetProperty("status").GetString());
        Assert.Equal(131026, record.GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task FreeFormMessageOutsideTheWindowFailsAsynchronouslyWith131047()
    {
        await using var host = await MetaSandboxHost.StartAsync();

        // Accepted like Meta does, then reported as failed.
        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550600003", "never wrote to us"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(wamid).Count == 1);

        var status = Assert.Single(host.Receiver.StatusesFor(wamid));
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal(131047, status.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.Equal("Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
            status.GetProperty("errors")[0].GetProperty("error_data").GetProperty("details").GetString());
    }

    [Fact]
    public async Task AudioLinkServedAsOpusFailsWith131053()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.CustomerSendsAsync("15550600004", new { type = "text", text = "hi" });
        var opus = host.Receiver.ServeFile("voice.opus", [0x4F, 0x67, 0x67, 0x53], "audio/opus");
        var ogg = host.Receiver.ServeFile("voice.ogg", [0x4F, 0x67, 0x67, 0x53], "audio/ogg; codecs=opus");

        var rejected = await host.SendAcceptedAsync(new { messaging_product = "whatsapp", to = "15550600004", type = "audio", audio = new { link = opus } });
        var accepted = await host.SendAcceptedAsync(new { messaging_product = "whatsapp", to = "15550600004", type = "audio", audio = new { link = ogg } });
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(rejected).Count == 1 && host.Receiver.StatusesFor(accepted).Count == 3);

        var failed = host.Receiver.StatusesFor(rejected)[0];
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(131053, failed.GetProperty("errors")[0].GetProperty("code").GetInt32());
        Assert.StartsWith("Unsupported Audio mime type audio/opus.",
            failed.GetProperty("errors")[0].GetProperty("error_data").GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("read", host.Receiver.StatusesFor(accepted)[^1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task FinalStatusSettingStopsTheProgressionEarly()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.PatchSettingsAsync(new { finalStatus = "delivered" });
        await host.CustomerSendsAsync("15550600005", new { type = "text", text = "hi" });

        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550600005", "hello"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.StatusesFor(wamid).Count == 2);
        await Task.Delay(300, MetaSandboxHost.Cancellation);

        Assert.Equal(["sent", "delivered"], host.Receiver.StatusesFor(wamid).Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task StatusesCanBeBatchedWithMessagesInOneWebhook()
    {
        await using var host = await MetaSandboxHost.StartAsync();
        await host.PatchSettingsAsync(new { finalStatus = "none" });
        await host.CustomerSendsAsync("15550600006", new { type = "text", text = "hi" });
        var wamid = await host.SendAcceptedAsync(MetaSandboxHost.Text("15550600006", "hello"));
        await host.Receiver.WaitForAsync(r => r.Count == 1);

        var response = await host.Client.PostAsJsonAsync("/sandbox/webhooks/batch", new
        {
            messages = new object[]
            {
                new { waId = "15550600006", type = "text", text = "first" },
                new { waId = "15550600007", type = "text", text = "second" },
            },
            statuses = new[] { new { wamid, status = "delivered" }, new { wamid, status = "read" } },
        }, MetaSandboxHost.Cancellation);
        var batch = (await host.Receiver.WaitForAsync(r => r.Count == 2))[1];

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var value = batch.Value;
        Assert.Equal(2, value.GetProperty("messages").GetArrayLength());
        Assert.Equal(["delivered", "read"], value.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(2, value.GetProperty("contacts").GetArrayLength());
        Assert.True(batch.SignatureValid);
    }

    [Theory]
    [InlineData("changes", 1, 3)]
    [InlineData("entries", 3, 1)]
    public async Task BatchLayoutsSpreadEventsOverChangesOrEntries(string layout, int entries, int changesPerEntry)
    {
        await using var host = await MetaSandboxHost.StartAsync();

        await host.Client.PostAsJsonAsync("/sandbox/webhooks/batch", new
        {
            layout,
            messages = Enumerable.Range(1, 3).Select(i => new { waId = $"1555060010{i}", type = "text", text = $"m{i}" }),
        }, MetaSandboxHost.Cancellation);
        var webhook = (await host.Receiver.WaitForAsync(r => r.Count == 1))[0].Json;

        Assert.Equal(entries, webhook.GetProperty("entry").GetArrayLength());
        Assert.All(webhook.GetProperty("entry").EnumerateArray(), e => Assert.Equal(changesPerEntry, e.GetProperty("changes").GetArrayLength()));
        Assert.Equal(3, WebhookReceiver.Changes(webhook).Sum(v => v.GetProperty("messages").GetArrayLength()));
    }
}
