using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>Agentless texts: which conversation they join, and that they reach the webhook exactly as agent texts do.</summary>
public sealed partial class AgentlessMessageTests
{
    [Fact]
    public async Task ATextIntoTheActiveConversationReachesTheWebhookSignedAndShapedAsAnAgentsText()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550800001");
        await host.SendAgentMessageAsync(conversationId, new { text = "From the agent" });

        using var response = await AgentlessRequests.PostAsync(host, token,
            AgentlessRequests.Text("+15550800001", "Your order shipped 📦", useExistingActiveConversation: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await response.JsonAsync();
        var id = sent.GetProperty("id").GetString()!;
        Assert.Equal(conversationId, sent.GetProperty("conversationId").GetString());
        Assert.Equal(GenesysSandboxHost.IntegrationId, sent.GetProperty("fromAddress").GetString());
        Assert.Equal("+15550800001", sent.GetProperty("toAddress").GetString());
        Assert.Equal("open", sent.GetProperty("messengerType").GetString());
        Assert.Equal("Your order shipped 📦", sent.GetProperty("textBody").GetString());
        Assert.True(sent.GetProperty("useExistingActiveConversation").GetBoolean());
        Assert.Matches(GenesysTime(), sent.GetProperty("timestamp").GetString()!);
        Assert.Equal($"/api/v2/conversations/messages/{conversationId}/messages/{id}", sent.GetProperty("selfUri").GetString());
        Assert.False(sent.TryGetProperty("user", out _));

        var webhooks = await host.Receiver.WaitForAsync(2);
        Assert.Equal(2, webhooks.Count);
        var agentless = webhooks[1];
        var secret = Encoding.UTF8.GetBytes(GenesysSandboxHost.WebhookSecret);
        Assert.Equal("sha256=" + Convert.ToBase64String(HMACSHA256.HashData(secret, agentless.Body)), agentless.Signature);
        using var payload = JsonDocument.Parse(agentless.Body);
        Assert.Empty(OutboundContract.Violations(payload.RootElement));
        Assert.Equal(id, payload.RootElement.GetProperty("id").GetString());
        Assert.Equal("Your order shipped 📦", payload.RootElement.GetProperty("text").GetString());
        Assert.Equal(sent.GetProperty("timestamp").GetString(), payload.RootElement.GetProperty("channel").GetProperty("time").GetString());
        // Apart from what differs per message, the agent's text and the agentless text are the same payload.
        Assert.Equal(WithoutPerMessageFields(webhooks[0].Body), WithoutPerMessageFields(agentless.Body));

        var message = await host.WaitForMessageAsync(conversationId, id, GenesysSandboxHost.DeliveryFinished);
        Assert.Equal("agentless", message.GetProperty("sentBy").GetString());
        Assert.Equal("Outbound", message.GetProperty("direction").GetString());
        Assert.Equal("Delivered", message.GetProperty("delivery").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task WithoutUseExistingActiveConversationTheTextOpensANewConversationThatTheCustomerContinues(bool? useExisting)
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var earlier = await host.StartConversationAsync(token, "+15550800002");

        using var response = await AgentlessRequests.PostAsync(host, token, AgentlessRequests.Text("+15550800002", "A new topic", useExisting));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await response.JsonAsync();
        var opened = sent.GetProperty("conversationId").GetString()!;
        Assert.NotEqual(earlier, opened);
        Assert.False(sent.GetProperty("useExistingActiveConversation").GetBoolean());
        var conversation = await host.GetConversationAsync(opened);
        Assert.Equal("agentless", Assert.Single(conversation.GetProperty("messages").EnumerateArray()).GetProperty("sentBy").GetString());
        // The customer's details known from their earlier messages carry over.
        Assert.Equal("Phone", conversation.GetProperty("customer").GetProperty("idType").GetString());
        Assert.Equal("Phone", (await SingleWebhookAsync(host)).GetProperty("channel").GetProperty("to").GetProperty("idType").GetString());
        Assert.Equal(1, (await host.GetConversationAsync(earlier)).GetProperty("messageCount").GetInt32());
        Assert.Equal(opened, await host.StartConversationAsync(token, "+15550800002"));
    }

    [Fact]
    public async Task ACustomerNeverHeardFromIsReachedInANewConversationByTheirAddressAlone()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await AgentlessRequests.PostAsync(host, token,
            AgentlessRequests.Text("customer-7@example.com", "Hello first", useExistingActiveConversation: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversationId = (await response.JsonAsync()).GetProperty("conversationId").GetString()!;
        var payload = await SingleWebhookAsync(host);
        Assert.Empty(OutboundContract.Violations(payload));
        var to = payload.GetProperty("channel").GetProperty("to");
        Assert.Equal("customer-7@example.com", to.GetProperty("id").GetString());
        Assert.False(to.TryGetProperty("idType", out _));
        Assert.Equal(conversationId, payload.GetProperty("conversationId").GetString());
        Assert.Equal("connected", (await host.GetConversationAsync(conversationId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task AfterTheCustomerWasDisconnectedUseExistingActiveConversationOpensANewOne()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var ended = await host.StartConversationAsync(token, "+15550800003");
        await DisconnectCustomerAsync(host, token, ended);

        using var response = await AgentlessRequests.PostAsync(host, token,
            AgentlessRequests.Text("+15550800003", "Anything else?", useExistingActiveConversation: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var opened = (await response.JsonAsync()).GetProperty("conversationId").GetString()!;
        Assert.NotEqual(ended, opened);
        Assert.Equal("connected", (await host.GetConversationAsync(opened)).GetProperty("state").GetString());
        Assert.Equal(1, (await host.GetConversationAsync(ended)).GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task ATextOfTheMaximumLengthIsSent()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();

        using var response = await AgentlessRequests.PostAsync(host, token, AgentlessRequests.Text("+15550800004", new string('x', 2000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2000, (await SingleWebhookAsync(host)).GetProperty("text").GetString()!.Length);
    }

    private static async Task<JsonElement> SingleWebhookAsync(GenesysSandboxHost host)
    {
        var webhook = Assert.Single(await host.Receiver.WaitForAsync(1));
        return JsonDocument.Parse(webhook.Body).RootElement;
    }

    private static string WithoutPerMessageFields(byte[] body)
    {
        var payload = JsonNode.Parse(body)!.AsObject();
        payload.Remove("id");
        payload.Remove("text");
        var channel = payload["channel"]!.AsObject();
        channel.Remove("messageId");
        channel.Remove("time");
        return payload.ToJsonString();
    }

    private static async Task DisconnectCustomerAsync(GenesysSandboxHost host, string token, string conversationId)
    {
        var customer = await ConversationsApiTests.CustomerParticipantAsync(host, token, conversationId);
        using var disconnected = await ConversationsApiTests.SendAsync(host, HttpMethod.Patch,
            $"/api/v2/conversations/messages/{conversationId}/participants/{customer}", token, new { state = "disconnected" });
        Assert.Equal(HttpStatusCode.Accepted, disconnected.StatusCode);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex GenesysTime();
}
