using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.GenesysApi.Conversations;

/// <summary>
/// The conversation controls that act on the Genesys interaction itself. Served to tenants through the gateway
/// (<c>/api/v1/conversations/…</c>, with the tenant taken from the caller's API key); the typing indicator to the agent
/// is the Open Messaging event at <c>/genesys/events</c>.
/// </summary>
public static class ConversationControlApi
{
    public static IEndpointRouteBuilder MapConversationControlApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/conversations").WithTags("Conversation controls")
            .MapPost("/{conversationId}/disconnect", (string conversationId, HttpContext http, ConversationControl control) =>
                control.DisconnectAsync(http, conversationId))
            .WithSummary("End a customer's Genesys conversation")
            .WithDescription("Disconnects the customer participant of the Genesys messaging conversation, which ends it for every " +
                "participant. The customer's next WhatsApp message opens a new conversation. Disconnecting a conversation " +
                "that has already ended succeeds and says so. 404 when the tenant's Genesys organisation has no such conversation.")
            .Produces<ConversationDisconnected>()
            .Produces<ProviderError>(StatusCodes.Status404NotFound)
            .Produces<ProviderError>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}

/// <summary>Finds the conversation's customer participant and disconnects it, within the tenant's budget.</summary>
public sealed class ConversationControl(
    GenesysTenantGate gate,
    GenesysConversationsClient genesys,
    ILogger<ConversationControl> logger)
{
    public async Task<IResult> DisconnectAsync(HttpContext http, string conversationId)
    {
        if (!Guid.TryParse(conversationId, out _))
        {
            return Results.Problem(statusCode: 400, title: "The conversation id must be a Genesys conversation id (a UUID)");
        }
        var (tenantId, settings, refusal) = await gate.ResolveAsync(http);
        if (refusal is not null)
        {
            return refusal;
        }
        using var scope = logger.BeginTenantScope(tenantId);
        var ct = http.RequestAborted;

        if (await gate.TakeBudgetAsync(tenantId) is { } overBudget)
        {
            return GenesysHttp.ToResult(overBudget);
        }
        var (conversation, error) = await genesys.GetAsync(tenantId, settings!, conversationId, ct);
        if (error is not null)
        {
            return GenesysHttp.ToResult(error);
        }

        // After transfers a conversation can list the customer more than once; the one still present is the one to end.
        var customers = conversation!.Participants.Where(p => p.IsCustomer).ToList();
        if (customers.Count == 0)
        {
            return Results.Problem(statusCode: 409, title: "The Genesys conversation has no customer participant to disconnect");
        }
        if (customers.FirstOrDefault(p => !p.HasLeft) is not { } customer)
        {
            return Results.Ok(new ConversationDisconnected(conversationId, customers[^1].Id, AlreadyDisconnected: true));
        }

        if (await gate.TakeBudgetAsync(tenantId) is { } stillOverBudget)
        {
            return GenesysHttp.ToResult(stillOverBudget);
        }
        if (await genesys.DisconnectParticipantAsync(tenantId, settings!, conversationId, customer.Id, ct) is { } patchError)
        {
            return GenesysHttp.ToResult(patchError);
        }
        logger.LogInformation("Disconnected Genesys conversation {ConversationId} (customer participant {ParticipantId})", conversationId, customer.Id);
        return Results.Ok(new ConversationDisconnected(conversationId, customer.Id, AlreadyDisconnected: false));
    }
}
