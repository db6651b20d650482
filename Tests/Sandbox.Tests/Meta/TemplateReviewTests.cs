using System.Net.Http.Json;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Sandbox.Tests.Meta.Infrastructure;

namespace WhatsAppGenesys.Sandbox.Tests.Meta;

public sealed class TemplateReviewTests
{
    private static Task<MetaSandboxHost> StartAsync(int reviewDelayMs = 300) =>
        MetaSandboxHost.StartAsync(new() { ["MetaSandbox:Templates:ReviewDelayMs"] = reviewDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task TemplateIsApprovedAfterTheDelayWithASignedStatusWebhook()
    {
        await using var host = await StartAsync();

        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("order_shipped"));
        var before = Assert.Single((await host.ListTemplatesOkAsync()).Data);
        await host.Receiver.WaitForAsync(_ => host.Receiver.TemplateStatusValues().Count == 1);
        var after = Assert.Single((await host.ListTemplatesOkAsync()).Data);

        Assert.Equal("PENDING", before.Status);
        Assert.Equal("APPROVED", after.Status);
        var webhook = Assert.Single(host.Receiver.Accepted);
        Assert.True(HexSignature.Verify(webhook.Body, webhook.Signature, MetaSandboxHost.AppSecret));
        var envelope = webhook.Json;
        Assert.Equal("whatsapp_business_account", envelope.GetProperty("object").GetString());
        var entry = envelope.GetProperty("entry")[0];
        Assert.Equal(MetaSandboxHost.WabaId, entry.GetProperty("id").GetString());
        Assert.True(entry.GetProperty("time").GetInt64() > 1_700_000_000);
        var change = entry.GetProperty("changes")[0];
        Assert.Equal("message_template_status_update", change.GetProperty("field").GetString());
        var value = change.GetProperty("value");
        Assert.Equal("APPROVED", value.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Number, value.GetProperty("message_template_id").ValueKind);
        Assert.Equal(created.Id, value.GetProperty("message_template_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("order_shipped", value.GetProperty("message_template_name").GetString());
        Assert.Equal("en_US", value.GetProperty("message_template_language").GetString());
        Assert.Equal("NONE", value.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TemplateNamedWithRejectIsRejectedWithInvalidFormat()
    {
        await using var host = await StartAsync();

        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("please_reject_me"));
        await host.Receiver.WaitForAsync(_ => host.Receiver.TemplateStatusValues().Count == 1);
        var listed = Assert.Single((await host.ListTemplatesOkAsync()).Data);

        var update = JsonSerializer.Deserialize<MetaTemplateStatusUpdate>(host.Receiver.TemplateStatusValues()[0].GetRawText(), MetaJson.Options)!;
        Assert.Equal(("REJECTED", "INVALID_FORMAT"), (update.Event, update.Reason));
        Assert.Equal(created.Id, update.MessageTemplateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("REJECTED", listed.Status);
        Assert.Equal("INVALID_FORMAT", listed.RejectedReason);
    }

    [Fact]
    public async Task TemplateStaysPendingUntilTheDelayHasPassed()
    {
        await using var host = await StartAsync(reviewDelayMs: 1_500);

        await host.CreateTemplateOkAsync(TemplateCalls.Utility("slow_review"));
        await Task.Delay(500, MetaSandboxHost.Cancellation);
        var early = Assert.Single((await host.ListTemplatesOkAsync()).Data);
        await host.Receiver.WaitForAsync(_ => host.Receiver.TemplateStatusValues().Count == 1);

        Assert.Equal("PENDING", early.Status);
        Assert.Equal("APPROVED", Assert.Single((await host.ListTemplatesOkAsync()).Data).Status);
    }

    [Fact]
    public async Task ControlSetsPausedThenDisabledAndEachChangeIsAWebhookInOrder()
    {
        await using var host = await StartAsync(reviewDelayMs: 600_000);
        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("campaign_offer"));

        await host.SetTemplateStatusAsync(created.Id, "APPROVED");
        await host.SetTemplateStatusAsync(created.Id, "PAUSED", "LOW_QUALITY");
        await host.SetTemplateStatusAsync(created.Id, "DISABLED");
        await host.Receiver.WaitForAsync(_ => host.Receiver.TemplateStatusValues().Count == 3);

        var values = host.Receiver.TemplateStatusValues();
        Assert.Equal(["APPROVED", "PAUSED", "DISABLED"], values.Select(v => v.GetProperty("event").GetString()));
        Assert.Equal("LOW_QUALITY", values[1].GetProperty("reason").GetString());
        Assert.True(values[2].GetProperty("disable_info").GetProperty("disable_date").GetInt64() > 0);
        Assert.All(host.Receiver.Accepted, w => Assert.True(w.SignatureValid));
        Assert.Equal("DISABLED", Assert.Single((await host.ListTemplatesOkAsync()).Data).Status);
    }

    [Fact]
    public async Task StatusSetBeforeReviewWinsOverTheReview()
    {
        await using var host = await StartAsync(reviewDelayMs: 400);
        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("decided_early"));

        await host.SetTemplateStatusAsync(created.Id, "REJECTED", "PROMOTIONAL");
        await Task.Delay(1_000, MetaSandboxHost.Cancellation);

        var values = host.Receiver.TemplateStatusValues();
        Assert.Equal(["REJECTED"], values.Select(v => v.GetProperty("event").GetString()));
        Assert.Equal("PROMOTIONAL", Assert.Single((await host.ListTemplatesOkAsync()).Data).RejectedReason);
    }

    [Fact]
    public async Task UnknownTemplateIdOrStatusIsRefusedByTheControl()
    {
        await using var host = await StartAsync();
        var created = await host.CreateTemplateOkAsync(TemplateCalls.Utility("control_checks"));

        var unknownId = await host.Client.PostAsJsonAsync("/sandbox/templates/123/status", new { status = "APPROVED" }, MetaSandboxHost.Cancellation);
        var unknownStatus = await host.Client.PostAsJsonAsync($"/sandbox/templates/{created.Id}/status", new { status = "GREAT" }, MetaSandboxHost.Cancellation);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknownStatus.StatusCode);
    }
}
