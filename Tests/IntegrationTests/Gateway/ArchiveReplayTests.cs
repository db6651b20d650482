using System.Net;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Gateway;

/// <summary>An operator replays an archived Meta webhook through the gateway; the ledger keeps the agent from seeing it twice.</summary>
public class ArchiveReplayTests(AppFixture fixture)
{
    private readonly GatewayHarness _gateway = new(fixture);

    [Fact]
    public async Task OperatorReplaysAnArchivedWebhookAndTheAgentStillSeesEachMessageOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var sandboxes = new Sandboxes(fixture);
        var customer = Sandboxes.NewCustomer();
        var wamid = await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "archived once" });
        await sandboxes.WaitForAgentMessagesAsync(customer, 1);
        var key = Assert.Single(await fixture.ListS3KeysAsync("webhooks-inbound", "demo/"), k => k.EndsWith($"-{wamid}.json", StringComparison.Ordinal));
        var replay = $"/admin/webhooks/whatsapp/replay?key={Uri.EscapeDataString(key)}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client().PostAsync(replay, null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Operator().PostAsync(replay, null, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.Operator().PostAsync("/admin/webhooks/whatsapp/replay?key=demo/nothing.json", null, ct)).StatusCode);

        // A later message proves the replayed one went through the pipeline before it.
        await sandboxes.CustomerSendsAsync(customer, new { type = "text", text = "after the replay" });
        var received = await sandboxes.WaitForAgentMessagesAsync(customer, 2);
        Assert.Equal(["archived once", "after the replay"], received.Select(Sandboxes.Text));
    }

    [Fact]
    public async Task OperatorReplaysAnArchivedGenesysWebhookAndTheCustomerStillGetsTheReplyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var desk = new AgentDesk(fixture);
        var customer = Sandboxes.NewCustomer();
        var conversation = await desk.CustomerOpensConversationAsync(customer);
        var messageId = await desk.AgentSendsAsync(conversation, new { type = "text", text = "replayed reply" });
        await desk.WaitForCustomerMessagesAsync(customer, 1);
        var key = Assert.Single(await fixture.ListS3KeysAsync("webhooks-genesys", "demo/"), k => k.EndsWith($"-{messageId}.json", StringComparison.Ordinal));

        var replay = await _gateway.Operator().PostAsync($"/admin/webhooks/genesys/replay?key={Uri.EscapeDataString(key)}", null, ct);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await AgentDesk.SettleAsync();
        Assert.Single(await desk.CustomerReceivedAsync(customer), m => m.ToJsonString().Contains("replayed reply", StringComparison.Ordinal));
    }
}
