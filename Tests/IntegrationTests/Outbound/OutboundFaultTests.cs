using WhatsAppGenesys.IntegrationTests.Foundation;
using WhatsAppGenesys.IntegrationTests.Inbound;

namespace WhatsAppGenesys.IntegrationTests.Outbound;

/// <summary>
/// Meta refusing sends. Fault rules in the Meta sandbox apply to every caller, so these run alone, after the
/// parallel tests (<see cref="FaultInjectionCollection"/>), and clear their rules when done.
/// </summary>
[Collection(typeof(FaultInjectionCollection))]
public class OutboundFaultTests(AppFixture fixture)
{
    private readonly AgentDesk _desk = new(fixture);

    [Fact]
    public async Task ThroughputErrorFromMetaIsBackedOffAndTheMessageStillArrivesInOrder()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        await _desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 130429, count = 2 });
        try
        {
            var first = await _desk.AgentSendsAsync(conversation, new { text = "first, throttled twice" });
            await _desk.AgentSendsAsync(conversation, new { text = "second, waits its turn" });

            var sent = await _desk.WaitForCustomerMessagesAsync(customer, 2, TimeSpan.FromSeconds(60));
            Assert.Equal(["first, throttled twice", "second, waits its turn"], sent.Select(m => m["body"]!["text"]!["body"]!.GetValue<string>()));
            await _desk.WaitForReceiptAsync(customer, first, "Delivered");
            Assert.DoesNotContain((await _desk.AgentMessageAsync(customer, first))!["receipts"]!.AsArray(), r => r!["status"]!.GetValue<string>() == "Failed");
        }
        finally
        {
            await _desk.ClearMetaFaultsAsync();
        }
    }

    [Fact]
    public async Task NonRetryableMetaErrorIsReportedToTheAgentAtOnce()
    {
        var customer = Sandboxes.NewCustomer();
        var conversation = await _desk.CustomerOpensConversationAsync(customer);
        await _desk.InjectMetaFaultAsync(new { path = "/v*/*/messages", method = "POST", errorCode = 131009, count = 1 });
        try
        {
            var id = await _desk.AgentSendsAsync(conversation, new { text = "refused by Meta" });

            var receipt = await _desk.WaitForReceiptAsync(customer, id, "Failed", TimeSpan.FromSeconds(20));
            Assert.Equal("InvalidMessageStructure", AgentDesk.ReceiptReason(receipt));
            Assert.Contains("131009", receipt["reasons"]![0]!["message"]!.GetValue<string>());
            await AgentDesk.SettleAsync();
            Assert.Empty(await _desk.CustomerReceivedAsync(customer));
        }
        finally
        {
            await _desk.ClearMetaFaultsAsync();
        }
    }
}
