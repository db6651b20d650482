using WhatsAppGenesys.RcsSandbox.Agents;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// Agents and their tokens: register or replace an agent (PUT), change parts of it (PATCH), and push its tokens into
/// the states a caller must survive — revoked, expired, forbidden — or make its next sends answer 403.
/// </summary>
public static class AgentsControlApi
{
    public static RouteGroupBuilder MapAgentsControlApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/agents", ([AsParameters] ControlServices services) => Results.Json(services.Agents.All.Select(a => Describe(a, services))));
        sandbox.MapGet("/agents/{agentId}", (string agentId, [AsParameters] ControlServices services) =>
            services.Agents.Find(agentId) is { } agent ? Results.Json(Describe(agent, services)) : Unknown(agentId));
        sandbox.MapPut("/agents/{agentId}", Register);
        sandbox.MapPatch("/agents/{agentId}", Patch);
        sandbox.MapPost("/agents/{agentId}/tokens/revoke", (string agentId, [AsParameters] ControlServices services) =>
            WithAgent(agentId, services, agent => new { revoked = services.Tokens.RevokeClient(agent.ClientId) }));
        sandbox.MapPost("/agents/{agentId}/tokens/expire", (string agentId, [AsParameters] ControlServices services) =>
            WithAgent(agentId, services, agent => new { expired = services.Tokens.ExpireAccessTokens(agent.ClientId) }));
        sandbox.MapPost("/agents/{agentId}/tokens/forbid", (string agentId, [AsParameters] ControlServices services) =>
            WithAgent(agentId, services, agent => new { forbidden = services.Tokens.Forbid(agent.ClientId) }));
        sandbox.MapPost("/agents/{agentId}/forbidden-sends", (string agentId, ForbiddenSendsRequest request, [AsParameters] ControlServices services) =>
            WithAgent(agentId, services, agent =>
            {
                services.Forbidden.Arm(agent.AgentId, request.Count);
                return new { remaining = services.Forbidden.Remaining(agent.AgentId) };
            }));
        return sandbox;
    }

    private static IResult Register(string agentId, AgentRequest request, [AsParameters] ControlServices services)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret) || string.IsNullOrEmpty(request.WebhookSecret))
        {
            return ControlResults.BadRequest("clientId, clientSecret and webhookSecret are required.");
        }
        if (CheckLimits(request.WebhookUrl, request.MessagesPerSecond, request.AccessTokenLifetimeSeconds, request.RefreshTokenLifetimeSeconds)
            is { } invalid)
        {
            return ControlResults.BadRequest(invalid);
        }
        var agent = new Agent(agentId, request.ClientId, request.ClientSecret, request.WebhookSecret,
            string.IsNullOrWhiteSpace(request.WebhookUrl) ? null : request.WebhookUrl, request.WebhookFormat, request.MessagesPerSecond,
            request.AccessTokenLifetimeSeconds, request.RefreshTokenLifetimeSeconds);
        var created = services.Agents.Register(agent);
        return created
            ? Results.Created($"/sandbox/agents/{agentId}", Describe(agent, services))
            : Results.Json(Describe(agent, services));
    }

    private static IResult Patch(string agentId, AgentPatch patch, [AsParameters] ControlServices services)
    {
        if (CheckLimits(patch.WebhookUrl, patch.MessagesPerSecond, patch.AccessTokenLifetimeSeconds, patch.RefreshTokenLifetimeSeconds)
            is { } invalid)
        {
            return ControlResults.BadRequest(invalid);
        }
        var agent = services.Agents.Update(agentId, a => a with
        {
            ClientSecret = string.IsNullOrEmpty(patch.ClientSecret) ? a.ClientSecret : patch.ClientSecret,
            WebhookSecret = string.IsNullOrEmpty(patch.WebhookSecret) ? a.WebhookSecret : patch.WebhookSecret,
            WebhookUrl = patch.WebhookUrl is null ? a.WebhookUrl : patch.WebhookUrl.Length == 0 ? null : patch.WebhookUrl,
            WebhookFormat = patch.WebhookFormat ?? a.WebhookFormat,
            MessagesPerSecond = patch.MessagesPerSecond ?? a.MessagesPerSecond,
            AccessTokenLifetimeSeconds = patch.AccessTokenLifetimeSeconds ?? a.AccessTokenLifetimeSeconds,
            RefreshTokenLifetimeSeconds = patch.RefreshTokenLifetimeSeconds ?? a.RefreshTokenLifetimeSeconds,
        });
        return agent is null ? Unknown(agentId) : Results.Json(Describe(agent, services));
    }

    private static string? CheckLimits(string? webhookUrl, int? messagesPerSecond, int? accessLifetime, int? refreshLifetime)
    {
        if (webhookUrl is { Length: > 0 } url &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return "webhookUrl must be an absolute http(s) URL.";
        }
        if (accessLifetime is <= 0 || refreshLifetime is <= 0)
        {
            return "Token lifetimes must be at least 1 second.";
        }
        return messagesPerSecond is < 0 ? "messagesPerSecond must be 0 (no limit) or more." : null;
    }

    private static IResult WithAgent(string agentId, ControlServices services, Func<Agent, object> act) =>
        services.Agents.Find(agentId) is { } agent ? Results.Json(act(agent)) : Unknown(agentId);

    private static IResult Unknown(string agentId) => ControlResults.NotFound($"Unknown agent {agentId}.");

    // Secrets are never echoed.
    public static object Describe(Agent agent, ControlServices services) => new
    {
        agentId = agent.AgentId,
        eventAgentId = services.Events.EventAgentId(agent.AgentId),
        clientId = agent.ClientId,
        webhookUrl = services.Publisher.WebhookUrl(agent),
        webhookFormat = services.Publisher.Format(agent),
        messagesPerSecond = agent.MessagesPerSecond ?? services.Settings.MessagesPerSecond,
        accessTokenLifetimeSeconds = agent.AccessTokenLifetimeSeconds ?? services.Settings.AccessTokenLifetimeSeconds,
        refreshTokenLifetimeSeconds = agent.RefreshTokenLifetimeSeconds ?? services.Settings.RefreshTokenLifetimeSeconds,
        forbiddenSendsRemaining = services.Forbidden.Remaining(agent.AgentId),
        isDefault = agent.AgentId == services.Agents.Default.AgentId,
    };
}
