using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Contacts;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>GET /api/v1/agent/widget/conversations/{genesysConversationId}</c>: what the agent widget inside Genesys shows
/// for the conversation the agent has open there. Genesys names the conversation by its own id; it is looked up in the
/// signed-in agent's tenant only, so an id of another tenant's conversation finds nothing (404).
/// </summary>
public static class AgentWidgetApi
{
    private const int RecentMessages = 8;
    private const int RecentCampaigns = 5;

    public static IEndpointRouteBuilder MapAgentWidgetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/agent/widget/conversations/{genesysConversationId}", ContextAsync)
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Agent widget")
            .WithSummary("The customer of a Genesys conversation: contact, consent, tags, recent messages and campaigns")
            .Produces<AgentWidgetContext>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ContextAsync(string genesysConversationId, HttpContext http, StateManagerClient state,
        ContactStore contacts, AgentConversations conversations, CampaignStore campaigns, CancellationToken ct)
    {
        var agent = http.Agent();
        if (genesysConversationId.Length > 64 ||
            await state.FindConversationAsync(agent.TenantId, genesysConversationId, ct) is not { GenesysConversationId: { } linked } conversation ||
            !string.Equals(linked, genesysConversationId, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation",
                detail: "This workspace has no WhatsApp conversation with that Genesys conversation id.");
        }
        var contact = await AgentReplyPlan.ContactOfAsync(contacts, conversation, ct);
        var customer = new AgentWidgetCustomer(conversation.CustomerId, AgentReplyPlan.NumberOf(conversation), conversation.Bsuid,
            contact?.Id, contact?.Name ?? conversation.ContactName, contact?.Tags ?? [], contact?.ConsentStatus, contact?.ConsentSource,
            contact?.ConsentChangedAt);
        var sent = contact is null ? [] : await campaigns.SentToAsync(agent.TenantId, contact.Id, RecentCampaigns, ct);
        return Results.Ok(new AgentWidgetContext(
            conversation.ConversationId,
            linked,
            customer,
            conversation.LastInboundAt,
            await conversations.RecentAsync(agent.TenantId, conversation.ConversationId, RecentMessages, ct),
            [.. sent.Select(s => new AgentWidgetCampaign(s.Campaign.Id, s.Campaign.Name, s.Campaign.TemplateName, s.Recipient.State,
                s.Recipient.SentAt, s.Recipient.RepliedAt))]));
    }
}
