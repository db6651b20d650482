using Microsoft.Extensions.Options;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OpenMessaging;

namespace WhatsAppGenesys.GenesysSandbox.Agent;

public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/conversations/{id:guid}/agent-messages", SendAgentMessage)
            .WithTags("Agent")
            .WithSummary("Make the agent send a message; it is posted to the integration's webhook asynchronously.");

        // Genesys's api-downloads URLs are pre-signed, so by default no token is needed (DownloadsRequireToken).
        app.MapGet("/api/v2/downloads/{id}", GetDownload).ExcludeFromDescription();
        return app;
    }

    private static IResult SendAgentMessage(Guid id, AgentMessageRequest request, HttpContext context,
        ConversationStore store, AgentMessageService agent, IOptions<GenesysSandboxOptions> options)
    {
        if (store.Find(id) is not { } conversation)
        {
            return GenesysErrors.NotFound(context);
        }
        if (conversation.IsEnded)
        {
            return GenesysErrors.BadRequest(context, $"Conversation {id} is disconnected; the agent can no longer write in it.");
        }

        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        var (accepted, error) = agent.Send(conversation, request, baseUrl);
        return error is not null
            ? GenesysErrors.BadRequest(context, error)
            : Results.Accepted($"/sandbox/conversations/{id}", accepted);
    }

    private static IResult GetDownload(string id, HttpContext context, DownloadStore downloads, IOptions<GenesysSandboxOptions> options)
    {
        if (options.Value.DownloadsRequireToken && GenesysApiAuth.Authenticate(context).Error is { } error)
        {
            return error;
        }
        if (downloads.Find(id) is not { } download)
        {
            return GenesysErrors.NotFound(context);
        }
        if (downloads.IsExpired(download))
        {
            return GenesysErrors.Result(context, 403, "not.authorized", "The download URL has expired.");
        }
        return Results.File(download.Bytes, download.Mime, download.Filename);
    }
}
