using System.Text.Json;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Telemetry;

/// <summary>
/// Tenant-scoped telemetry on the message path, read from what every process really emitted (the fixture has each
/// write its spans, log records and business measurements to files): a customer's message to the agent, the agent's
/// answer and an answer Meta refuses; every log line of those traces names the tenant, and every business measurement
/// made for them carries <c>tenant.id</c>.
/// </summary>
[Collection(typeof(Foundation.FaultInjectionCollection))] // it makes Meta refuse one send, which every caller would see
public sealed class TenantTelemetryTests(AppFixture fixture)
{
    private const string Tenant = "demo";

    // Refused webhooks are counted by HTTP status before any tenant is known (an unknown number, a body that is not
    // JSON); the pipeline's handler duration is recorded for poison too, whose tenant the handler never learned; and a
    // message deferred behind an earlier one of its customer goes round the delay queue before any handler reads it.
    private static readonly string[] WithoutTenantByDesign =
        ["whatsapp.webhooks.rejected", "messaging.pipeline.handler.duration", "messaging.pipeline.poisoned", "messaging.pipeline.deferred"];

    [Fact]
    public async Task EveryLogLineAndBusinessMeasurementOfAMessageAndItsAnswerNamesTheTenant()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTime.UtcNow;
        var desk = new AgentDesk(fixture);
        var customer = Inbound.Sandboxes.NewCustomer();
        var wamid = await desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "whose log is this?" });
        await desk.Sandboxes.WaitForAgentMessagesAsync(customer, 1);
        var conversationId = (await desk.Sandboxes.ConversationAsync(customer))!["id"]!.GetValue<string>();
        var genesysMessageId = await desk.AgentSendsAsync(conversationId, new { type = "text", text = "yours" });
        await desk.WaitForCustomerMessagesAsync(customer, 1);
        // Sends Meta refuses (read marks and typing indicators go to the same endpoint, hence several): the outbound
        // side logs why, so the path has a log line whatever else the run logged.
        await desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 131009, count = 5 });
        string refusedId;
        try
        {
            refusedId = await desk.AgentSendsAsync(conversationId, new { type = "text", text = "refused by Meta" });
            await desk.WaitForReceiptAsync(customer, refusedId, "Failed", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await desk.ClearMetaFaultsAsync();
        }
        await Task.Delay(2000, ct);

        // The traces: the customer's message, the agent's answer and the refused send, each from webhook to provider.
        var spans = TelemetryFiles.Read(fixture.SpanDirectory);
        string TraceOf(string messageId) => spans.First(s => s.Get("kind") == "Consumer" && s.Get("tags", "messaging.message.id") == messageId).Get("traceId")!;
        var traces = new[] { TraceOf(wamid), TraceOf(genesysMessageId), TraceOf(refusedId) };
        var services = spans.Where(s => traces.Contains(s.Get("traceId"))).Select(s => s.Get("service")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "whatsapp-webhook", "inbound-transformer", "genesys-api", "genesys-webhook", "outbound-transformer", "whatsapp-api" }, services);

        var logs = TelemetryFiles.Read(fixture.LogDirectory).Where(l => traces.Contains(l.Get("traceId"))).ToList();
        Assert.NotEmpty(logs);
        var untagged = logs.Where(l => l.Get("scopes", "TenantId") != Tenant).Select(Describe).ToList();
        Assert.True(untagged.Count == 0, $"Log lines of the message path without TenantId={Tenant}:\n{string.Join("\n", untagged)}");

        var measurements = TelemetryFiles.Read(fixture.MeasurementDirectory)
            .Where(m => m.GetProperty("at").GetDateTime() >= start && !WithoutTenantByDesign.Contains(m.Get("instrument")))
            .ToList();
        var recorded = measurements.Select(m => m.Get("instrument")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "whatsapp.webhooks.received", "whatsapp.events.queued", "inbound.messages.delivered", "inbound.messages.latency",
            "outbound.messages.sent", "messaging.pipeline.processed" }, recorded);
        var withoutTenant = measurements.Where(m => string.IsNullOrEmpty(m.Get("tags", "tenant.id"))).Select(m => $"{m.Get("service")} {m.Get("instrument")}").Distinct().ToList();
        Assert.True(withoutTenant.Count == 0, $"Business measurements without tenant.id:\n{string.Join("\n", withoutTenant)}");
    }

    private static string Describe(JsonElement log) => $"{log.Get("service")} {log.Get("category")} {log.Get("level")}: {log.Get("message")}";
}
