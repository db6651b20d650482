using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Agentless;

/// <summary>
/// <c>POST /api/v2/conversations/messages/agentless</c> (ConversationsApi.PostConversationsMessagesAgentless): behind the
/// same bearer-token gate and per-token rate limit as the rest of the API host, answered 200 with Genesys's
/// SendAgentlessOutboundMessageResponse. The integration is named in the body, so it is checked by the service.
/// </summary>
public static class AgentlessEndpoints
{
    public static IEndpointRouteBuilder MapAgentlessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/conversations/messages/agentless", SendAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SendAsync(HttpContext context, AgentlessMessageService agentless)
    {
        var (token, error) = GenesysApiAuth.Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        // useNormalizedMessage=true makes Genesys answer with the normalized message instead of textBody. That shape is
        // not simulated, so it is refused rather than silently answered in the other one.
        if (bool.TryParse(context.Request.Query["useNormalizedMessage"], out var normalized) && normalized)
        {
            return GenesysErrors.BadRequest(context, "The simulator answers agentless messages in the default shape only: leave out useNormalizedMessage=true.");
        }

        var (request, bodyError) = await JsonBody.ReadAsync<SendAgentlessOutboundMessageRequest>(context);
        if (bodyError is not null)
        {
            return bodyError;
        }
        var (sent, sendError) = agentless.Send(token!, request!);
        return sendError is not null ? GenesysErrors.BadRequest(context, sendError) : Results.Json(sent, SandboxJson.Options);
    }
}
