using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>Ending a messaging conversation through the Conversations API, as a middleware does.</summary>
public sealed class ConversationsApiTests
{
    [Fact]
    public async Task ConversationListsTheCustomerAndTheAgentAsConnectedParticipants()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550700001");

        using var response = await SendAsync(host, HttpMethod.Get, $"/api/v2/conversations/messages/{conversationId}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await response.JsonAsync();
        Assert.Equal(conversationId, conversation.GetProperty("id").GetString());
        var participants = conversation.GetProperty("participants").EnumerateArray().ToList();
        Assert.Equal(["customer", "agent"], participants.Select(p => p.GetProperty("purpose").GetString()));
        Assert.All(participants, p => Assert.Equal("connected", p.GetProperty("state").GetString()));
        Assert.Equal("+15550700001", participants[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task DisconnectingTheCustomerEndsTheConversationAndTheNextMessageOpensANewOne()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550700002");
        var customer = await CustomerParticipantAsync(host, token, conversationId);

        using var patch = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{customer}",
            token, new { state = "disconnected" });
        using var again = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{customer}",
            token, new { state = "disconnected" });

        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var ended = await host.GetConversationAsync(conversationId);
        Assert.Equal("disconnected", ended.GetProperty("state").GetString());
        Assert.All(ended.GetProperty("participants").EnumerateArray(), p => Assert.Equal("disconnected", p.GetProperty("state").GetString()));
        // The agent cannot write in it any more; the customer's next message starts a new interaction.
        using (var late = await host.Client.PostAsJsonAsync($"/sandbox/conversations/{conversationId}/agent-messages", new { text = "still there?" }, HttpTestExtensions.Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        }
        var next = await host.StartConversationAsync(token, "+15550700002");
        Assert.NotEqual(conversationId, next);
        Assert.Equal("connected", (await host.GetConversationAsync(next)).GetProperty("state").GetString());
        Assert.Equal(1, (await host.GetConversationAsync(conversationId)).GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task AnotherOrganizationsConversationIsNotFoundAndStaysConnected()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var conversationId = await host.StartConversationAsync(await host.GetTokenAsync(), "+15550700003");
        var customer = await CustomerParticipantAsync(host, await host.GetTokenAsync(), conversationId);
        await OAuthTests.RegisterAsync(host, Guid.NewGuid().ToString(), "other-org-client", "other-org-secret");
        var stranger = await host.GetTokenAsync("other-org-client", "other-org-secret");

        using var read = await SendAsync(host, HttpMethod.Get, $"/api/v2/conversations/messages/{conversationId}", stranger);
        using var patch = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{customer}",
            stranger, new { state = "disconnected" });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal("not.found", (await patch.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal("connected", (await host.GetConversationAsync(conversationId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task UnsupportedStatesUnknownParticipantsAndMissingTokensAreRefused()
    {
        await using var host = await GenesysSandboxHost.StartAsync();
        var token = await host.GetTokenAsync();
        var conversationId = await host.StartConversationAsync(token, "+15550700004");
        var customer = await CustomerParticipantAsync(host, token, conversationId);

        using var held = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{customer}",
            token, new { state = "connected" });
        using var unknown = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{Guid.NewGuid()}",
            token, new { state = "disconnected" });
        using var anonymous = await SendAsync(host, HttpMethod.Patch, $"/api/v2/conversations/messages/{conversationId}/participants/{customer}",
            null, new { state = "disconnected" });

        Assert.Equal(HttpStatusCode.BadRequest, held.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("connected", (await host.GetConversationAsync(conversationId)).GetProperty("state").GetString());
    }

    internal static async Task<string> CustomerParticipantAsync(GenesysSandboxHost host, string token, string conversationId)
    {
        using var response = await SendAsync(host, HttpMethod.Get, $"/api/v2/conversations/messages/{conversationId}", token);
        return (await response.JsonAsync()).GetProperty("participants").EnumerateArray()
            .Single(p => p.GetProperty("purpose").GetString() == "customer").GetProperty("id").GetString()!;
    }

    internal static Task<HttpResponseMessage> SendAsync(GenesysSandboxHost host, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return host.Client.SendAsync(request, HttpTestExtensions.Ct);
    }
}
