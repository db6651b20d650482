using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>POST /api/v1/agent/conversations/{id}/end</c>: a supervisor or admin ends a customer's conversation in Genesys
/// (the same conversation control the tenant API offers, through genesys-api). The conversation is looked up in the
/// agent's own tenant only; the customer's next message opens a new one. Every agent of the tenant hears that it ended.
/// </summary>
public static class ConversationEndingApi
{
    public static IEndpointRouteBuilder MapConversationEndingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agent/conversations/{conversationId:guid}/end", async (Guid conversationId, HttpContext http,
                StateManagerClient state, GenesysApiClient genesys, AgentNotifications notifications, TimeProvider clock, CancellationToken ct) =>
            {
                var agent = http.Agent();
                if (!AgentRoles.SeesAllConversations(agent.Role))
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: "Only supervisors and admins end conversations.");
                }
                var mapping = await state.FindConversationAsync(agent.TenantId, conversationId.ToString(), ct);
                if (mapping?.GenesysConversationId is not { Length: > 0 } genesysConversationId)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation",
                        detail: "This workspace has no Genesys conversation with that id.");
                }
                var ended = await genesys.DisconnectAsync(agent.TenantId, genesysConversationId, ct);
                if (ended.Result is { AlreadyDisconnected: false })
                {
                    await notifications.ConversationEndedAsync(agent.TenantId,
                        new AgentConversationEnded(conversationId, agent.GenesysUserId, agent.Name, clock.GetUtcNow()), ct);
                }
                return ended.Result is { } result
                    ? Results.Ok(new ConversationEnded(conversationId, result.AlreadyDisconnected))
                    : Results.Problem(statusCode: ended.Error!.HttpStatus == StatusCodes.Status404NotFound ? 404 : StatusCodes.Status502BadGateway,
                        title: "Not ended", detail: ended.Error.Message);
            })
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Agent conversations")
            .WithSummary("End the customer's Genesys conversation (supervisors and admins)")
            .Produces<ConversationEnded>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}

/// <param name="AlreadyEnded">The customer had already left the conversation; nothing changed.</param>
public sealed record ConversationEnded(Guid ConversationId, bool AlreadyEnded);
