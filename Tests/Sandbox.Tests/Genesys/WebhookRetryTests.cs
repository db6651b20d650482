using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

public sealed class WebhookRetryTests
{
    private static List<int?> Statuses(JsonElement message) =>
        [.. message.GetProperty("delivery").GetProperty("attempts").EnumerateArray()
            .Select(a => a.TryGetProperty("httpStatus", out var s) ? s.GetInt32() : (int?)null)];

    [Fact]
    public async Task AWebhookIsRetriedOn5xxAnd429AndStopsOnTheFirst2xx()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        host.Receiver.Script(503, 429, 200);

        var id = await host.SendAgentMessageAsync(conversationId, new { text = "retry me" });
        var message = await host.WaitForMessageAsync(conversationId, id, GenesysSandboxHost.DeliveryFinished);

        Assert.Equal("Delivered", message.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal([503, 429, 200], Statuses(message));
        var bodies = host.Receiver.Received.Select(r => Convert.ToBase64String(r.Body)).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Single(bodies.Distinct());
        var counters = await host.GetCountersAsync();
        Assert.Equal(3, counters.GetProperty("webhooksPosted").GetInt32());
        Assert.Equal(2, counters.GetProperty("webhooksRetried").GetInt32());
        Assert.Equal(1, counters.GetProperty("webhooksDelivered").GetInt32());
    }

    [Fact]
    public async Task AWebhookIsRetriedAtMostFiveTimesThenMarkedFailed()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        host.Receiver.Script(500, 500, 500, 500, 500, 500, 500, 500);

        var id = await host.SendAgentMessageAsync(conversationId, new { text = "never delivered" });
        var message = await host.WaitForMessageAsync(conversationId, id, GenesysSandboxHost.DeliveryFinished);
        await Task.Delay(300, HttpTestExtensions.Ct);

        Assert.Equal("Failed", message.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal(6, message.GetProperty("delivery").GetProperty("attemptCount").GetInt32());
        Assert.Equal(6, host.Receiver.Received.Count);
        var counters = await host.GetCountersAsync();
        Assert.Equal(5, counters.GetProperty("webhooksRetried").GetInt32());
        Assert.Equal(1, counters.GetProperty("webhooksFailed").GetInt32());
    }

    [Fact]
    public async Task AClientErrorOtherThan429IsNotRetried()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        host.Receiver.Script(400);

        var id = await host.SendAgentMessageAsync(conversationId, new { text = "rejected" });
        var message = await host.WaitForMessageAsync(conversationId, id, GenesysSandboxHost.DeliveryFinished);
        await Task.Delay(300, HttpTestExtensions.Ct);

        Assert.Equal("Failed", message.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal([400], Statuses(message));
        Assert.Single(host.Receiver.Received);
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerWithinTheTimeoutIsRetried()
    {
        await using var host = await GenesysSandboxHost.StartAsync(new Dictionary<string, string?>
        {
            ["GenesysSandbox:WebhookTimeoutMilliseconds"] = "800",
        });
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        host.Receiver.Delay = TimeSpan.FromMilliseconds(2500);
        host.Receiver.SlowRequests = 1;

        var id = await host.SendAgentMessageAsync(conversationId, new { text = "slow receiver" });
        var message = await host.WaitForMessageAsync(conversationId, id, GenesysSandboxHost.DeliveryFinished);

        var attempts = message.GetProperty("delivery").GetProperty("attempts");
        Assert.Equal("Delivered", message.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.True(attempts[0].GetProperty("timedOut").GetBoolean());
        Assert.False(attempts[0].TryGetProperty("httpStatus", out _));
        Assert.Equal(200, attempts[1].GetProperty("httpStatus").GetInt32());
    }

    [Fact]
    public async Task AgentMessagesReachTheReceiverInTheOrderTheAgentSentThem()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550001");
        // The first message needs three tries; the later ones must wait for it rather than overtake it.
        host.Receiver.Script(503, 503, 200);

        var ids = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await host.SendAgentMessageAsync(conversationId, new { text = $"message {i}" }));
        }
        var received = await host.Receiver.WaitForAsync(6);

        var delivered = received.Skip(2)
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString())
            .ToList();
        Assert.Equal(["message 1", "message 2", "message 3", "message 4"], delivered);
        var view = await host.GetConversationAsync(conversationId);
        var outbound = view.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("direction").GetString() == "Outbound")
            .Select(m => m.GetProperty("id").GetString());
        Assert.Equal(ids, outbound);
    }
}
