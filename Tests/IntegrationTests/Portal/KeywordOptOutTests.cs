using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Messaging;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Portal;

/// <summary>
/// A customer writes STOP at the Meta sandbox: the portal hears it through the conversation history, opts them out and
/// tells them so; START subscribes them again. Runs against the sandbox's demo tenant, whose number the customer writes to.
/// </summary>
public sealed class KeywordOptOutTests(AppFixture fixture)
{
    private const string DemoTenant = "demo";
    private readonly GatewayHarness _gateway = new(fixture);
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task StopOptsTheCustomerOutAndStartBringsThemBackEachAcknowledgedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var demo = await PortalTenant.ForAsync(_gateway, DemoTenant, ct);
        var customer = Sandboxes.NewCustomer();

        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "  stop " });

        var acknowledgement = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal(OptOutAcknowledgement, acknowledgement["body"]!["text"]!["body"]!.GetValue<string>());
        var contact = await ContactAsync(demo, customer, ct);
        Assert.Equal(("opted_out", "keyword"), (contact["consent"]!["status"]!.GetValue<string>(), contact["consent"]!["source"]!.GetValue<string>()));

        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "please stop by tomorrow" });
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "Start" });

        var received = await _desk.WaitForCustomerMessagesAsync(customer, 2);
        Assert.Equal(OptInAcknowledgement, received[1]["body"]!["text"]!["body"]!.GetValue<string>());
        await AgentDesk.SettleAsync();
        Assert.Equal(2, (await _desk.CustomerReceivedAsync(customer)).Count);

        contact = await ContactAsync(demo, customer, ct);
        Assert.Equal("opted_in", contact["consent"]!["status"]!.GetValue<string>());
        var history = (await demo.Client.GetFromJsonAsync<JsonArray>($"/api/v1/portal/contacts/{PortalTenant.Id(contact)}/consent-history", ct))!;
        Assert.Equal(["resubscribed", "opted_out"], history.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(history, e =>
        {
            Assert.Equal("keyword", e!["source"]!.GetValue<string>());
            Assert.NotNull(e["messageId"]);
            Assert.NotNull(e["acknowledgedAt"]);
        });
    }

    [Fact]
    public async Task RedeliveredStopOptsOutAndIsAcknowledgedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var demo = await PortalTenant.ForAsync(_gateway, DemoTenant, ct);
        var customer = Sandboxes.NewCustomer();

        // Meta delivers at least once: the same STOP (same wamid) again, then a later message that shows both were handled.
        var stop = await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "STOP" });
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "STOP", wamid = stop });
        await _desk.Sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "thanks" });
        await HistoryDesk.WaitForAsync(demo.Client, HistoryDesk.CustomerMessages(customer), items => items.Any(i => HistoryDesk.Text(i) == "thanks"), ct);
        await AgentDesk.SettleAsync();

        var acknowledgement = Assert.Single(await _desk.CustomerReceivedAsync(customer));
        Assert.Equal(OptOutAcknowledgement, acknowledgement["body"]!["text"]!["body"]!.GetValue<string>());
        var contact = await ContactAsync(demo, customer, ct);
        Assert.Equal("opted_out", contact["consent"]!["status"]!.GetValue<string>());
        var history = (await demo.Client.GetFromJsonAsync<JsonArray>($"/api/v1/portal/contacts/{PortalTenant.Id(contact)}/consent-history", ct))!;
        var entry = Assert.Single(history)!;
        Assert.Equal(("opted_out", stop), (entry["action"]!.GetValue<string>(), entry["messageId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AStopWhoseHistoryEventArrivesTwiceIsRecordedAndAcknowledgedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var demo = await PortalTenant.ForAsync(_gateway, DemoTenant, ct);
        var infrastructure = await MessagingInfrastructure.FromAsync(fixture);
        // Publishes into the real history pipeline as a transformer republishing after a crash does; consumes nothing.
        await using var transformer = await PipelineHost.StartAsync(infrastructure, Pipelines.History, handle: null, configure: static _ => { }, name: "history-republisher");
        var customer = Sandboxes.NewCustomer();
        ConversationMessageRecorded Text(string text) => new(DemoTenant, Guid.NewGuid(), customer, customer, null, Sandboxes.PhoneNumberId,
            HistoryDirections.Inbound, $"wamid.{Guid.NewGuid():N}", null, "text", text, null, null, null, null, null, null, null, DateTimeOffset.UtcNow, null);
        var republisher = new ConversationHistoryPublisher(transformer.Publisher);
        Task PublishAsync(ConversationMessageRecorded message) => republisher.PublishAsync(message, ct);

        // The observers hear every delivery of a customer message, the repeat too; each must make it count once.
        var stop = Text("STOP");
        await PublishAsync(stop);
        await PublishAsync(stop);
        // One customer's events are handled in order: once this one is stored, both deliveries of the STOP were handled.
        await PublishAsync(Text("thanks"));
        await HistoryDesk.WaitForAsync(demo.Client, HistoryDesk.CustomerMessages(customer), items => items.Any(i => HistoryDesk.Text(i) == "thanks"), ct);
        await AgentDesk.SettleAsync();

        var acknowledgement = Assert.Single(await _desk.CustomerReceivedAsync(customer));
        Assert.Equal(OptOutAcknowledgement, acknowledgement["body"]!["text"]!["body"]!.GetValue<string>());
        var contact = await ContactAsync(demo, customer, ct);
        var history = (await demo.Client.GetFromJsonAsync<JsonArray>($"/api/v1/portal/contacts/{PortalTenant.Id(contact)}/consent-history", ct))!;
        var entry = Assert.Single(history)!;
        Assert.Equal(("opted_out", stop.MessageId), (entry["action"]!.GetValue<string>(), entry["messageId"]!.GetValue<string>()));
        Assert.NotNull(entry["acknowledgedAt"]);
    }

    private static string OptOutAcknowledgement => "You will no longer receive marketing messages from us. Reply START to subscribe again.";

    private static string OptInAcknowledgement => "You are subscribed again. Reply STOP at any time to opt out.";

    /// <summary>The demo tenant's contact for the customer's number, once the keyword made one.</summary>
    private static async Task<JsonObject> ContactAsync(PortalTenant demo, string customer, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = (await demo.Client.GetFromJsonAsync<JsonObject>($"/api/v1/portal/contacts?phone={Uri.EscapeDataString("+" + customer)}", ct))!;
            if (page["items"]!.AsArray().FirstOrDefault() is { } contact)
            {
                return contact.AsObject();
            }
            Assert.True(DateTime.UtcNow < deadline, $"No contact for {customer}.");
            await Task.Delay(200, ct);
        }
    }
}
