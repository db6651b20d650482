using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WhatsAppGenesys.IntegrationTests.Inbound;
using WhatsAppGenesys.IntegrationTests.Outbound;

namespace WhatsAppGenesys.IntegrationTests.Rcs;

/// <summary>
/// An RCS conversation as an agent handles it, both ways through the running system: the customer writes on RCS,
/// the agent answers in Genesys with quick replies, the customer's phone shows them as suggested replies, the agent's
/// message collects its Delivered receipt and the customer sees their message read and the agent typing, the
/// customer's tap comes back as a button response and their photo as an attachment, and the agent's rich card and
/// file reach the phone.
/// </summary>
public sealed class RcsConversationTests(AppFixture fixture)
{
    private readonly RcsCustomers _customers = new(fixture);
    private readonly RcsAgentDesk _rcs = new(fixture);

    private AgentDesk Desk => _rcs.Desk;

    [Fact]
    public async Task ACustomerOnRcsAndAnAgentTalkBothWaysWithSuggestionsARichCardFilesAndReceipts()
    {
        var ct = TestContext.Current.CancellationToken;
        var msisdn = RcsCustomers.NewMsisdn();
        var customerId = RcsCustomers.CustomerId(msisdn);

        var opening = await _customers.SendsAsync(msisdn, new { text = "My parcel has not arrived" }, ct);
        await Desk.Sandboxes.WaitForAgentMessagesAsync(customerId, 1);
        var conversationId = (await Desk.Sandboxes.ConversationAsync(customerId))!["id"]!.GetValue<string>();

        // The agent starts typing: the phone shows it.
        await Desk.AgentSendsAsync(conversationId, new { typing = new { durationMs = 3000 } });
        await WaitForAgentEventAsync(msisdn, "IS_TYPING", ct);

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
        // And the customer sees that their message was read.
        var read = await WaitForAgentEventAsync(msisdn, "READ", ct);
        Assert.Equal(RcsCustomers.MessageId(opening), read["messageId"]!.GetValue<string>());

        // The customer taps a suggestion: the agent gets the button response in the same conversation.
        await _customers.SendsAsync(msisdn, new { suggestionResponse = new { postbackData = "track_parcel", text = "Track it", type = "REPLY" } }, ct);
        var agentSees = await Desk.Sandboxes.WaitForAgentMessagesAsync(customerId, 2);
        Assert.Equal("Track it", Sandboxes.Text(agentSees[1]));
        Assert.Equal("track_parcel", agentSees[1]["metadata"]!["buttonPayload"]!.GetValue<string>());
        Assert.Equal(conversationId, (await Desk.Sandboxes.ConversationAsync(customerId))!["id"]!.GetValue<string>());

        // The customer sends a photo: the agent gets it as an attachment Genesys could fetch, with the same bytes.
        var photo = System.Security.Cryptography.RandomNumberGenerator.GetBytes(2048);
        await _customers.SendsAsync(msisdn, new { file = new { base64 = Convert.ToBase64String(photo), mimeType = "image/jpeg", fileName = "parcel.jpg" } }, ct);
        agentSees = await Desk.Sandboxes.WaitForAgentMessagesAsync(customerId, 3);
        var attachment = agentSees[2]["content"]!.AsArray()[0]!;
        Assert.True(attachment["fetch"]!["succeeded"]!.GetValue<bool>(), attachment.ToJsonString());
        Assert.Equal(photo.Length, attachment["fetch"]!["sizeBytes"]!.GetValue<long>());

        // The agent answers with a rich card (as Genesys posts a Structured message) and a file.
        var card = RcsAgentDesk.WebhookBody(customerId, conversationId, "Structured", new JsonObject
        {
            ["content"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "Card",
                ["card"] = new JsonObject
                {
                    ["title"] = "Replacement parcel",
                    ["description"] = "We can send a new one tomorrow.",
                    ["image"] = "https://example.com/parcel.png",
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "Postback", ["text"] = "Send it", ["payload"] = "resend" }),
                },
            }),
        });
        Assert.Equal(200, await Desk.PostRawWebhookAsync(card.ToJsonString()));
        var label = "%PDF-1.4 return label"u8.ToArray();
        await Desk.AgentSendsAsync(conversationId, new
        {
            attachment = new { base64 = Convert.ToBase64String(label), mime = "application/pdf", filename = "label.pdf" },
        });

        var phone = await _rcs.WaitForPhoneAsync(msisdn, 3, ct);
        Assert.Equal(["text", "standaloneCard", "file"], phone.Select(m => m["kind"]!.GetValue<string>()));
        var cardContent = phone[1]["contentMessage"]!["richCard"]!["standaloneCard"]!["cardContent"]!;
        Assert.Equal("Replacement parcel", cardContent["title"]!.GetValue<string>());
        Assert.Equal("resend", cardContent["suggestions"]![0]!["reply"]!["postbackData"]!.GetValue<string>());
        using (var http = new HttpClient())
        {
            Assert.Equal(label, await http.GetByteArrayAsync(phone[2]["contentMessage"]!["contentInfo"]!["fileUrl"]!.GetValue<string>(), ct));
        }

        // Each message reached the phone once, however many receipts and retries went by.
        await AgentDesk.SettleAsync();
        Assert.Equal(3, (await _rcs.PhoneReceivedAsync(msisdn, ct)).Count);
    }

    /// <summary>The first agent event of that type the phone got (typing, read).</summary>
    private async Task<JsonObject> WaitForAgentEventAsync(string msisdn, string eventType, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (true)
        {
            var user = (await _customers.Simulator.GetFromJsonAsync<JsonObject>($"/sandbox/users/{Uri.EscapeDataString(msisdn)}", ct))!;
            if (user["agentEvents"]!.AsArray().Select(e => e!.AsObject()).FirstOrDefault(e => e["eventType"]!.GetValue<string>() == eventType) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The phone got no {eventType}: {user.ToJsonString()}");
            await Task.Delay(200, ct);
        }
    }
}
