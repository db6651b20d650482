using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// <c>/api/v1/agent</c>: sign-in with Genesys and the session that follows, for the agent portal's server (internal;
/// the gateway does not route it). The portal never sees Genesys tokens, only our session token.
/// </summary>
public static class AgentSessionsApi
{
    public static IEndpointRouteBuilder MapAgentSessionsApi(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/api/v1/agent").WithTags("Agent sessions");

        agent.MapPost("/sign-in/authorize", async (AgentAuthorizeRequest request, AgentSignInClient signIn, CancellationToken ct) =>
                await signIn.AuthorizeAsync(request, ct) is var call && call.Value is { } url ? Results.Ok(url) : call.ToProblem())
            .WithSummary("Where to send the agent's browser: the Genesys authorize URL of the tenant's region (PKCE)")
            .Produces<AgentAuthorizeResponse>();

        agent.MapGet("/sign-in/{workspace}/widget-host", async (string workspace, AgentSignInClient signIn, CancellationToken ct) =>
                !TenantIds.IsValid(workspace)
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown workspace", detail: "There is no such workspace.")
                    : await signIn.WidgetHostAsync(workspace, ct) is var call && call.Value is { } host ? Results.Ok(host) : call.ToProblem())
            .WithSummary("Which Genesys Cloud origin may frame the workspace's agent widget, before anyone signs in")
            .Produces<AgentWidgetHost>().ProducesProblem(StatusCodes.Status404NotFound);

        agent.MapPost("/sessions", async (AgentSignInRequest request, AgentSignInClient signIn, AgentDirectory agents,
                AgentSessionTokens tokens, CancellationToken ct) =>
            {
                var signedIn = await signIn.SignInAsync(request, ct);
                if (signedIn.Value is not { } genesysUser)
                {
                    return signedIn.ToProblem();
                }
                var provisioned = await agents.ProvisionAsync(request.TenantId, genesysUser, ct);
                var session = tokens.Issue(provisioned);
                return Results.Ok(new AgentSessionResponse(session.Token, session.ExpiresAt, Profile(provisioned)));
            })
            .WithSummary("Complete a Genesys sign-in: the agent is provisioned (first time) or updated, and gets a session")
            .Produces<AgentSessionResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        agent.MapGet("/me", (HttpContext http) => Results.Ok(Profile(http.Agent())))
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithSummary("The signed-in agent, with their current role")
            .Produces<AgentProfile>().Produces(StatusCodes.Status401Unauthorized);

        agent.MapDelete("/sessions/current", async (HttpContext http, AgentSessionRevocations revocations, AgentHubConnections connections) =>
            {
                var (tokenId, expiresAt) = http.SessionToken();
                await revocations.RevokeAsync(tokenId, expiresAt);
                await connections.EndSessionAsync(tokenId);
                return Results.NoContent();
            })
            .RequireAuthorization(AgentSessionAuthentication.Policy)
            .WithSummary("Sign out: the session token is refused from now on, by every replica, and its live connections close")
            .Produces(StatusCodes.Status204NoContent);

        // Operators (and tests) can run the role sync now instead of waiting for its schedule.
        app.MapPost("/admin/agents/role-sync", async (AgentRoleSync sync, CancellationToken ct) => Results.Ok(await sync.RunAsync(ct)))
            .WithTags("Agent sessions")
            .WithSummary("Check every active agent against Genesys now: roles, disabled and removed users")
            .Produces<AgentRoleSyncResult>();
        return app;
    }

    private static AgentProfile Profile(AgentUser agent) =>
        new(agent.Id, agent.TenantId, agent.GenesysUserId, agent.Name, agent.Email, agent.Role);
}
