using System.Text.Json;
using WhatsAppGenesys.IntegrationTests.Portal;

namespace WhatsAppGenesys.IntegrationTests.Telemetry;

/// <summary>
/// A campaign's send, read from the spans every process really wrote: the campaign loop runs outside any request, and
/// its send must still be one trace, from the claim in portal-service through the WhatsApp API service to Meta, not a
/// trace per statement.
/// </summary>
public sealed class CampaignTraceTests(AppFixture fixture)
{
    [Fact]
    public async Task ACampaignSendIsOneTraceFromItsClaimToMeta()
    {
        var ct = TestContext.Current.CancellationToken;
        using var desk = await CampaignDesk.CreateAsync(fixture, ct);
        var tag = "traced-" + Guid.NewGuid().ToString("N")[..6];
        await desk.AddTaggedContactsAsync(tag, 1, ct);

        var id = (await desk.CreateCampaignAsync(new { tags = new[] { tag } }, ct))["id"]!.GetValue<string>();
        await desk.WaitForStatusAsync(id, "completed", ct);

        var spans = TelemetryFiles.Read(fixture.SpanDirectory);
        var send = Assert.Single(spans, s => s.Get("name") == "campaign send" && s.Get("tags", "campaign.id") == id);
        Assert.Equal("", send.Get("parentSpanId"));
        Assert.Equal("Sent", send.Get("tags", "campaign.send.outcome"));
        Assert.Equal(desk.Tenant.TenantId, send.Get("tags", "tenant.id"));
        var trace = spans.Where(s => s.Get("traceId") == send.Get("traceId")).ToList();
        // The claim (sending) and the sent mark, both statements on the recipient's row.
        Assert.True(trace.Count(s => s.Get("service") == "portal-service" && Sql(s).Contains("campaign_recipients", StringComparison.Ordinal)) >= 2,
            "the recipient's claim and sent mark belong to the send's trace");
        Assert.Contains(trace, s => s.Get("service") == "whatsapp-api" && s.Get("kind") == "Server");
        Assert.Contains(trace, s => s.Get("service") == "meta-sandbox" && s.Get("kind") == "Server");
    }

    private static string Sql(JsonElement span) => span.Get("tags", "db.query.text") ?? span.Get("tags", "db.statement") ?? "";
}
