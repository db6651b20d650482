using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace WhatsAppGenesys.Sandbox.Tests.Genesys;

/// <summary>Calls to POST /api/v2/conversations/messages/agentless, shared by the agentless tests.</summary>
internal static class AgentlessRequests
{
    public const string Path = "/api/v2/conversations/messages/agentless";

    /// <summary>A valid open-messenger text to <paramref name="toAddress"/>; a null flag leaves useExistingActiveConversation out.</summary>
    public static JsonObject Text(string toAddress, string textBody, bool? useExistingActiveConversation = null,
        string fromAddress = GenesysSandboxHost.IntegrationId)
    {
        var body = new JsonObject
        {
            ["fromAddress"] = fromAddress,
            ["toAddress"] = toAddress,
            ["toAddressMessengerType"] = "open",
            ["textBody"] = textBody,
        };
        if (useExistingActiveConversation is { } flag)
        {
            body["useExistingActiveConversation"] = flag;
        }
        return body;
    }

    public static Task<HttpResponseMessage> PostAsync(GenesysSandboxHost host, string? token, JsonObject body, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path + query)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return host.Client.SendAsync(request, HttpTestExtensions.Ct);
    }
}
