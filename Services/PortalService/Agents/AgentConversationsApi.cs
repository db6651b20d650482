using System.Globalization;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>/api/v1/agent/conversations</c>: the signed-in agent's view of their tenant's conversations. The tenant is the
/// agent's, from their session; nothing in the request names it. A client that was disconnected from the hub catches
/// up by asking for the messages after the last sequence it has.
/// </summary>
public static class AgentConversationsApi
{
    public const int DefaultConversations = 50;
    public const int MaxConversations = 200;
    public const int DefaultMessages = 200;
    public const int MaxMessages = 500;

    public static IEndpointRouteBuilder MapAgentConversationsApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v1/agent/conversations")
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithTags("Agent conversations");

        conversations.MapGet("/", async (string? filter, string? limit, HttpContext http, AgentConversations reader, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (!AgentConversationFilters.TryParse(filter, out var selected))
                {
                    errors["filter"] = ["One of mine, open (the default) or all."];
                }
                var size = Limit(limit, DefaultConversations, MaxConversations, errors);
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "The request is not valid");
                }
                var agent = http.Agent();
                if (!AgentConversationFilters.IsAllowed(selected, agent.Role))
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                        detail: "Only admins and supervisors list all of the tenant's conversations.");
                }
                return Results.Ok(await reader.ListAsync(agent, selected, size, ct));
            })
            .WithSummary("The tenant's conversations, newest activity first: open (customer wrote in the last 24 hours), mine, or all")
            .Produces<IReadOnlyList<AgentConversationSummary>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        conversations.MapGet("/{conversationId:guid}/messages", async (Guid conversationId, string? after, string? limit,
                HttpContext http, AgentConversations reader, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var since = After(after, errors);
                var size = Limit(limit, DefaultMessages, MaxMessages, errors);
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "The request is not valid");
                }
                return await reader.MessagesAsync(http.Agent().TenantId, conversationId, since, size, ct) is { } messages
                    ? Results.Ok(messages)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such conversation",
                        detail: "This tenant has no conversation with that id.");
            })
            .WithSummary("A conversation's messages after a sequence (0 or absent: from the start), in sequence order")
            .Produces<IReadOnlyList<AgentMessage>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static int Limit(string? value, int byDefault, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return byDefault;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }
        errors["limit"] = [$"A whole number from 1 to {max}."];
        return byDefault;
    }

    private static long After(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return 0;
        }
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return after;
        }
        errors["after"] = ["The sequence of the last message the client has: a whole number, 0 or more."];
        return 0;
    }
}
