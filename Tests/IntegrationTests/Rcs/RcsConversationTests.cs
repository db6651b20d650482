using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// An RCS conversation as an agent handles it, both ways through the running system: the customer writes on RCS,
/// the agent answers in Genesys with quick replies, the customer's phone shows them as suggested replies, the agent's
/// message collects its Delivered receipt, and the customer's tap comes back to the agent as a button response.
/// </summary>
public sealed class RcsConversationTests(AppFixture fixture)
{
    private readonly RcsCustomers _customers = new(fixture);
    private readonly RcsAgentDesk _rcs = new(fixture);

    private AgentDesk Desk => _rcs.Desk;

    [Fact]
    public async Task ACustomerOnRcsAndAnAgentTalkBothWaysWithSuggestionsAndReceipts()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var customerId = RcsCustomers.CustomerId(msisdn);

        await _customers.SendsAsync(msisdn, new { text = "My parcel has not arrived" }, ct);
        await Desk.Sandboxes.WaitForAgentMessagesAsync(customerId, 1);
        var conversationId = (await Desk.Sandboxes.ConversationAsync(customerId))!["id"]!.GetValue<string>();

        var replyId = await Desk.AgentSendsAsync(conversationId, new
        {
            text = "Sorry to hear that. What would you like to do?",
            quickReplies = new[]
            {
                new { text = "Track it", payload = "track_parcel" },
                new { text = "Refund", payload = "refund" },
            },
        });

        var received = await _rcs.WaitForPhoneAsync(msisdn, 1, ct);
        var content = received[0]["contentMessage"]!;
        Assert.Equal("Sorry to hear that. What would you like to do?", content["text"]!.GetValue<string>());
        var suggestions = content["suggestions"]!.AsArray().Select(s => s!["reply"]!).ToList();
        Assert.Equal(["Track it", "Refund"], suggestions.Select(s => s["text"]!.GetValue<string>()));
        Assert.Equal(["track_parcel", "refund"], suggestions.Select(s => s["postbackData"]!.GetValue<string>()));

        // The phone reports DELIVERED (then READ): the agent's message shows it in Genesys.
        await Desk.WaitForReceiptAsync(customerId, replyId, "Delivered");

        // The customer taps a suggestion: the agent gets the button response in the same conversation.
        await _customers.SendsAsync(msisdn, new { suggestionResponse = new { postbackData = "track_parcel", text = "Track it", type = "REPLY" } }, ct);
        var agentSees = await Desk.Sandboxes.WaitForAgentMessagesAsync(customerId, 2);
        Assert.Equal("Track it", Sandboxes.Text(agentSees[1]));
        Assert.Equal("track_parcel", agentSees[1]["metadata"]!["buttonPayload"]!.GetValue<string>());
        Assert.Equal(conversationId, (await Desk.Sandboxes.ConversationAsync(customerId))!["id"]!.GetValue<string>());

        // Exactly one message reached the phone, however many receipts and retries went by.
        Assert.Single(await _rcs.WaitForPhoneAsync(msisdn, 1, ct));
    }
}
