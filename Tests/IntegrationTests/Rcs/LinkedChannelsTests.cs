using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;
using WhatsAppGenesys.IntegrationTests.Portal;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// A tenant that links WhatsApp and RCS (its RCS settings' LinkWithWhatsApp): one phone number is one conversation
/// on both channels, and the agent's reply goes by the channel the customer last wrote on. The tenant has a WhatsApp
/// number, an Open Messaging integration and an RCS agent of its own, so the switch concerns it alone. Without the
/// switch (the default) the same number is two conversations: RcsInboundTests.TheSameNumberOnWhatsAppAndRcsIsTwoConversations.
/// </summary>
public sealed class LinkedChannelsTests(AppFixture fixture)
{
    private readonly RcsCustomers _rcsCustomers = new(fixture);
    private readonly RcsAgentDesk _rcsDesk = new(fixture);

    private AgentDesk Desk => _rcsDesk.Desk;

    [Fact]
    public async Task TheSameNumberOnWhatsAppAndRcsIsOneConversationAnsweredOnTheChannelLastUsed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tenant = await TemplateTenant.CreateAsync(fixture, ct, withGenesys: true);
        var (agent, settings) = await new RcsHarness(fixture).AddRcsAsync(tenant.TenantId, linkWithWhatsApp: true, ct);
        Assert.True(settings.LinkWithWhatsApp);
        var waId = Sandboxes.NewCustomer();
        var msisdn = "+" + waId;

        // First on WhatsApp, then on RCS: the agent gets both, in order, in one conversation.
        await Desk.Sandboxes.CustomerSendsAsync(waId, new { type = "text", text = "Hello from WhatsApp", phoneNumberId = tenant.PhoneNumberId });
        await Desk.Sandboxes.WaitForAgentMessagesAsync(waId, 1);
        var conversationId = (await Desk.Sandboxes.ConversationAsync(waId))!["id"]!.GetValue<string>();
        var rcsSentAt = DateTime.UtcNow;
        var onRcs = await _rcsCustomers.SendsAsync(msisdn, new { text = "Now writing on RCS", agentId = agent.AgentId }, ct);
        var agentSees = await Desk.Sandboxes.WaitForAgentMessagesAsync(waId, 2);
        Assert.Equal(["Hello from WhatsApp", "Now writing on RCS"], agentSees.Select(Sandboxes.Text));
        Assert.Equal(conversationId, (await Desk.Sandboxes.ConversationAsync(waId))!["id"]!.GetValue<string>());
        Assert.Single(await GenesysConversationsAsync(waId, ct));
        Assert.Null(await Desk.Sandboxes.ConversationAsync(RcsCustomers.CustomerId(msisdn)));
        // One customer in the state manager: the WhatsApp one, which knows the RCS message came last.
        var mapping = await MappingAsync(tenant.TenantId, waId, ct);
        Assert.Equal(CustomerChannel.Rcs, mapping["lastInboundChannel"]!.GetValue<string>());
        Assert.Equal(RcsCustomers.MessageId(onRcs), mapping["lastInboundMessageId"]!.GetValue<string>());

        // The agent answers: the reply goes over RCS, the channel last used, and its DELIVERED finds the message.
        var overRcs = await Desk.AgentSendsAsync(conversationId, new { text = "Answered on RCS" });
        var phone = await WaitForPhoneAsync(msisdn, waId, overRcs, ct);
        Assert.Equal("Answered on RCS", phone[0]["contentMessage"]!["text"]!.GetValue<string>());
        await Desk.WaitForReceiptAsync(waId, overRcs, "Delivered");
        Assert.Empty(await Desk.CustomerReceivedAsync(waId));

        // Back on WhatsApp (its timestamps are whole seconds: written in a later second than the RCS message, as a
        // person switching apps would): the next reply goes over WhatsApp.
        var wait = rcsSentAt.AddSeconds(1.1) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
        await Desk.Sandboxes.CustomerSendsAsync(waId, new { type = "text", text = "Back on WhatsApp", phoneNumberId = tenant.PhoneNumberId });
        agentSees = await Desk.Sandboxes.WaitForAgentMessagesAsync(waId, 3);
        Assert.Equal("Back on WhatsApp", Sandboxes.Text(agentSees[2]));
        Assert.Equal(conversationId, (await Desk.Sandboxes.ConversationAsync(waId))!["id"]!.GetValue<string>());
        await Desk.AgentSendsAsync(conversationId, new { text = "Answered on WhatsApp" });
        var onWhatsApp = Assert.Single(await Desk.WaitForCustomerMessagesAsync(waId, 1));
        Assert.Equal("Answered on WhatsApp", onWhatsApp["body"]!["text"]!["body"]!.GetValue<string>());
        Assert.Single(await _rcsDesk.PhoneReceivedAsync(msisdn, ct));
    }

    /// <summary>What the phone got; on a timeout, says what became of the agent's message (receipts, WhatsApp).</summary>
    private async Task<List<JsonObject>> WaitForPhoneAsync(string msisdn, string waId, string genesysId, CancellationToken ct)
    {
        try
        {
            return await _rcsDesk.WaitForPhoneAsync(msisdn, 1, ct);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            var agentMessage = await Desk.AgentMessageAsync(waId, genesysId);
            var onWhatsApp = await Desk.CustomerReceivedAsync(waId);
            throw new Xunit.Sdk.XunitException(
                $"{ex.Message} The agent's message in Genesys: {agentMessage?.ToJsonString()}. WhatsApp got {onWhatsApp.Count} message(s).");
        }
    }

    /// <summary>The Genesys conversations the simulator holds for the customer, across integrations.</summary>
    private async Task<JsonArray> GenesysConversationsAsync(string customerId, CancellationToken ct) =>
        (await fixture.Client("genesys-sandbox").GetFromJsonAsync<JsonArray>($"/sandbox/conversations?customerId={Uri.EscapeDataString(customerId)}", ct))!;

    private async Task<JsonObject> MappingAsync(string tenantId, string customerId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/state/mapping/{Uri.EscapeDataString(customerId)}");
        request.Headers.Add("X-Tenant-ID", tenantId);
        using var response = await fixture.Client(ServiceNames.StateManager).SendAsync(request, ct);
        Assert.True(response.IsSuccessStatusCode, $"No mapping for {customerId}: {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
    }
}
