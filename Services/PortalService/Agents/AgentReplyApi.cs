using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>POST /api/v1/agent/conversations/{id}/messages</c>: an agent's free-text reply from the portal. It is sent by
/// Genesys (agentless, into the customer's active conversation) rather than straight to WhatsApp, so it is recorded in
/// Genesys and comes back through the integration's outbound webhook into the same outbound pipeline as a reply typed
/// in Genesys: ledgered, receipted, in the history, and pushed to every agent's page from there.
/// </summary>
public static class AgentReplyApi
{
    public static IEndpointRouteBuilder MapAgentReplyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agent/conversations/{conversationId:guid}/messages", SendAsync)
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Agent conversations")
            .WithSummary("Reply to the customer with free text (within WhatsApp's 24-hour window)")
            .Produces<AgentReplyAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static async Task<IResult> SendAsync(Guid conversationId, AgentReplyRequest reply, HttpContext http,
        StateManagerClient state, GenesysApiClient genesys, AgentReplyAttribution attribution, TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var agent = http.Agent();
        if (reply.ClientMessageId is not { Length: > 0 and <= 100 })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A clientMessageId is required",
                detail: "Give each send its own id (at most 100 characters), and the same id when retrying it.");
        }
        var conversation = await state.FindConversationAsync(agent.TenantId, conversationId.ToString(), ct);
        if (conversation is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation",
                detail: "This workspace has no conversation with that id.");
        }
        var (toAddress, refusal) = AgentReplyPlan.Decide(conversation, reply.Text, time.GetUtcNow());
        if (refusal is not null)
        {
            return Results.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);
        }

        // Keyed by agent and page id: a repeated send is answered from the first, never posted twice.
        var sent = await genesys.SendAgentlessAsync(agent.TenantId,
            new GenesysAgentlessRequest($"agent-reply:{agent.Id}:{reply.ClientMessageId}", toAddress!, reply.Text), ct);
        if (sent.Result is not { } result)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Not sent",
                detail: $"Genesys did not take the message: {sent.Error!.Message}");
        }
        // Genesys names no agent on an agentless message: the history learns who wrote it from here.
        if (result.MessageId is { Length: > 0 } genesysMessageId)
        {
            await attribution.RememberAsync(agent.TenantId, conversationId, genesysMessageId,
                new AgentReplyAttribution.Author(agent.GenesysUserId, agent.Name), ct);
        }
        loggers.CreateLogger(typeof(AgentReplyApi)).LogInformation(
            "Agent {AgentId} replied in conversation {ConversationId} (Genesys message {GenesysMessageId})",
            agent.Id, conversationId, result.MessageId);
        return Results.Accepted(value: new AgentReplyAccepted(conversationId, result.MessageId));
    }
}
