using System.Net;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class ReceiptTests
{
    private static string Receipt(string id, string customerId, string status, JsonArray? reasons = null, bool? isFinal = null)
    {
        var receipt = new JsonObject
        {
            ["id"] = id,
            ["channel"] = new JsonObject
            {
                ["to"] = new JsonObject { ["id"] = customerId, ["idType"] = "Phone" },
                ["time"] = "2026-03-25T13:21:00.000Z",
            },
            ["status"] = status,
            ["direction"] = "Outbound",
        };
        if (reasons is not null)
        {
            receipt["reasons"] = reasons;
        }
        if (isFinal is not null)
        {
            receipt["isFinalReceipt"] = isFinal;
        }
        return receipt.ToJsonString();
    }

    [Fact]
    public async Task ReceiptsAreRecordedAgainstTheAgentMessageTheyName()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        var agentMessageId = await host.SendAgentMessageAsync(conversationId, new { text = "How can I help?" });

        using var delivered = await host.PostInboundAsync(token, "receipt", Receipt(agentMessageId, "+15550001", "Delivered", isFinal: false));
        using var failed = await host.PostInboundAsync(token, "receipt", Receipt(agentMessageId, "+15550001", "Failed",
            new JsonArray(new JsonObject { ["code"] = "RateLimited", ["message"] = "131056 pair rate limit" }), isFinal: true));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var deliveredBody = await delivered.JsonAsync();
        Assert.Equal("Receipt", deliveredBody.GetProperty("type").GetString());
        Assert.Equal(agentMessageId, deliveredBody.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);

        var message = await host.WaitForMessageAsync(conversationId, agentMessageId, _ => true);
        var receipts = message.GetProperty("receipts").EnumerateArray().ToList();
        Assert.Equal(2, receipts.Count);
        Assert.Equal("Delivered", receipts[0].GetProperty("status").GetString());
        Assert.False(receipts[0].GetProperty("isFinalReceipt").GetBoolean());
        Assert.Equal("Failed", receipts[1].GetProperty("status").GetString());
        Assert.True(receipts[1].GetProperty("isFinalReceipt").GetBoolean());
        Assert.Equal("RateLimited", receipts[1].GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal("131056 pair rate limit", receipts[1].GetProperty("reasons")[0].GetProperty("message").GetString());
        Assert.Equal("2026-03-25T13:21:00.000Z", receipts[1].GetProperty("time").GetString());
        Assert.True(receipts[1].GetProperty("toMatchesCustomer").GetBoolean());
        Assert.Equal(2, (await host.GetCountersAsync()).GetProperty("receiptsAccepted").GetInt32());
    }

    [Theory]
    [InlineData("Read")]
    [InlineData("Sent")]
    [InlineData("Published")]
    public async Task OnlyDeliveredAndFailedAreAcceptedAsReceiptStatuses(string status)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        var agentMessageId = await host.SendAgentMessageAsync(conversationId, new { text = "hi" });

        using var response = await host.PostInboundAsync(token, "receipt", Receipt(agentMessageId, "+15550001", status));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid.value", body.GetProperty("code").GetString());
        Assert.Equal(".status should be equal to one of the allowed values (Delivered, Failed)", body.GetProperty("message").GetString());
        var message = await host.WaitForMessageAsync(conversationId, agentMessageId, _ => true);
        Assert.Equal(0, message.GetProperty("receipts").GetArrayLength());
    }

    [Fact]
    public async Task AReasonCodeOutsideGenesysEnumIsRejected()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "receipt", Receipt("any-id", "+15550001", "Failed",
            new JsonArray(new JsonObject { ["code"] = "131026", ["message"] = "undeliverable" })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invalid.value", body.GetProperty("code").GetString());
        Assert.Equal("reasons[0].code", body.GetProperty("details")[0].GetProperty("fieldName").GetString());
    }

    [Fact]
    public async Task AReceiptWithoutIdToOrTimeIsABadRequest()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "receipt", """{"channel":{},"status":"Delivered"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("bad.request", body.GetProperty("code").GetString());
        var fields = body.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("fieldName").GetString()).ToList();
        Assert.Equal(["id", "channel.to", "channel.time"], fields);
    }

    [Fact]
    public async Task AReceiptForAnUnknownMessageIsAcceptedButListedAsUnmatched()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await host.PostInboundAsync(token, "receipt", Receipt("no-such-message", "+15550001", "Delivered"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var unmatched = await host.Client.GetJsonAsync("/sandbox/receipts/unmatched");
        Assert.Equal("no-such-message", unmatched[0].GetProperty("id").GetString());
        Assert.Equal(1, (await host.GetCountersAsync()).GetProperty("receiptsUnmatched").GetInt32());
    }
}
