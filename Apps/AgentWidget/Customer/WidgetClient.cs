using System.Net;
using WhatsAppGenesys.AgentWeb.Conversations;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWidget.Customer;

/// <summary>The portal service's widget route, called with the agent's session token.</summary>
public sealed class WidgetClient(HttpClient http)
{
    /// <summary>The customer of a Genesys conversation, or why not: the workspace has no such conversation, or the session ended.</summary>
    public async Task<WidgetLookup> ContextAsync(AgentSession session, string genesysConversationId, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(
            session.Request($"api/v1/agent/widget/conversations/{Uri.EscapeDataString(genesysConversationId)}"), cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new(null, SessionEnded: true),
            HttpStatusCode.NotFound => new(null, SessionEnded: false),
            _ => new(await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<AgentWidgetContext>(cancellationToken), SessionEnded: false),
        };
    }
}

/// <summary>The customer's context; null with <paramref name="SessionEnded"/> false when there is no such conversation.</summary>
public sealed record WidgetLookup(AgentWidgetContext? Context, bool SessionEnded);
