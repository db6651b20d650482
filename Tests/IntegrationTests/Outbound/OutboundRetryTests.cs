using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.IntegrationTests.Gateway;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>
/// The edges of sending: Meta's statuses overtaking the send they are about, and a send that never succeeds. The Meta
/// faults here apply to one customer's sends only, so these run alongside the other tests.
/// </summary>
public sealed class OutboundRetryTests(AppFixture fixture)
{
    private readonly AgentDesk _desk = new(fixture);

    private HttpClient Meta => fixture.Client("meta-sandbox");

    [Fact]
    public async Task StatusesThatArriveBeforeTheSendReturnedStillBecomeTheAgentsReceipt()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        // Meta accepts the send and starts its statuses (50-150 ms later), but its answer reaches us 2.5 s after that:
        // the sent, delivered and read webhooks name a wamid our ledger does not hold yet.
        var rule = await AddMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", responseLatencyMs = 2500, count = 1, to = customer }, ct);
        try
        {
            var id = await _desk.AgentSendsAsync(conversation, new { text = "answer held up on the way back" });

            var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
            await _desk.WaitForReceiptAsync(customer, id, "Delivered", TimeSpan.FromSeconds(45));
            Assert.Equal("read", await LedgerStatusAsync(sent["wamid"]!.GetValue<string>(), "read", ct));
        }
        finally
        {
            await Meta.DeleteAsync($"/sandbox/faults/{rule}", CancellationToken.None);
        }
    }

    [Fact]
    public async Task SendThatExhaustsItsRetriesFailsAtTheAgentAndWaitsInTheDeadLetterQueueForReplay()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        var rule = await AddMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", status = 500, to = customer }, ct);
        string id;
        JsonObject parked;
        try
        {
            id = await _desk.AgentSendsAsync(conversation, new { text = "Meta keeps failing this one" });

            // Every attempt of the pipeline (10, about two and a half minutes of back-off) meets a 500.
            var receipt = await _desk.WaitForReceiptAsync(customer, id, "Failed", TimeSpan.FromMinutes(5));
            Assert.Equal("ServerError", AgentDesk.ReceiptReason(receipt));
            Assert.Contains("Not sent after 10 attempts", receipt["reasons"]![0]!["message"]!.GetValue<string>());
            parked = await WaitForDeadLetterAsync(id, ct);
            Assert.Equal(10, parked["attempts"]!.GetValue<int>());
            Assert.Empty(await _desk.CustomerReceivedAsync(customer));
        }
        finally
        {
            await Meta.DeleteAsync($"/sandbox/faults/{rule}", CancellationToken.None);
        }

        // Meta is back: the operator replays the parked message and the customer gets it after all.
        using var admin = new GatewayHarness(fixture).Operator();
        using var replay = await admin.PostAsync(
            $"/admin/pipelines/{Pipelines.Outbound}/dead-letters/replay?messageId={Uri.EscapeDataString(parked["messageId"]!.GetValue<string>())}", null, ct);
        replay.EnsureSuccessStatusCode();
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>(ct))!["replayed"]!.GetValue<int>());
        var sent = Assert.Single(await _desk.WaitForCustomerMessagesAsync(customer, 1));
        Assert.Equal("Meta keeps failing this one", sent["body"]!["text"]!["body"]!.GetValue<string>());
    }

    private async Task<string> AddMetaFaultAsync(object rule, CancellationToken ct)
    {
        using var response = await Meta.PostAsJsonAsync("/sandbox/faults", rule, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
    }

    private async Task<JsonObject> WaitForDeadLetterAsync(string genesysMessageId, CancellationToken ct)
    {
        using var admin = new GatewayHarness(fixture).Operator();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var parked = (await admin.GetFromJsonAsync<JsonArray>($"/admin/pipelines/{Pipelines.Outbound}/dead-letters?limit=1000", ct))!
                .Select(p => p!.AsObject())
                .FirstOrDefault(p => p["messageId"]!.GetValue<string>().Contains(genesysMessageId, StringComparison.Ordinal));
            if (parked is not null)
            {
                return parked;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Agent message {genesysMessageId} is not in the dead-letter queue.");
            await Task.Delay(500, ct);
        }
    }

    private async Task<string?> LedgerStatusAsync(string wamid, string expected, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(await fixture.ConnectionStringAsync("statedb"));
        await db.OpenAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? status;
        do
        {
            await using var command = new NpgsqlCommand("SELECT status FROM message_tracking WHERE tenant_id = 'demo' AND (wamid = @wamid OR message_id = @wamid)", db);
            command.Parameters.AddWithValue("wamid", wamid);
            status = await command.ExecuteScalarAsync(ct) as string;
            if (status == expected)
            {
                break;
            }
            await Task.Delay(300, ct);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }
}
