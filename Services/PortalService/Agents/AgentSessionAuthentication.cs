using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// The agent session scheme: a bearer token from <see cref="AgentSessionTokens"/>, refused once it is signed out or
/// once its agent has lost access in Genesys (the role sync, or the next sign-in, found them disabled or removed).
/// Requests to the agent hub may carry the token in the <c>access_token</c> query parameter instead of the
/// Authorization header, because browsers cannot set headers on WebSocket and server-sent-event requests.
/// </summary>
public static class AgentSessionAuthentication
{
    public const string Scheme = "AgentSession";
    public const string Policy = "Agent";

    public static void AddAgentSessionAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddJwtBearer(Scheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<IOptions<AgentSessionOptions>>((jwt, sessions) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = AgentSessionTokens.ValidationParameters(sessions.Value);
                jwt.Events = new JwtBearerEvents { OnMessageReceived = TokenFromHubQuery, OnTokenValidated = StillValidAsync };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy =>
            policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    /// <summary>The hub's token from the query string, when the request has no Authorization header; other paths never read it.</summary>
    private static Task TokenFromHubQuery(MessageReceivedContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments(AgentHub.Path) && request.Headers.Authorization.Count == 0 &&
            request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Token = token;
        }
        return Task.CompletedTask;
    }

    private static async Task StillValidAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var tokenId = context.Principal?.FindFirst(JwtRegisteredClaimNames.Jti)?.Value;
        if (tokenId is null || await services.GetRequiredService<AgentSessionRevocations>().IsRevokedAsync(tokenId))
        {
            context.Fail("The session was signed out.");
            return;
        }
        var agent = Guid.TryParse(context.Principal!.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var agentId)
            ? await services.GetRequiredService<AgentDirectory>().FindAsync(agentId, context.HttpContext.RequestAborted)
            : null;
        if (agent is not { Active: true } ||
            agent.TenantId != context.Principal.FindFirst(AgentSessionTokens.TenantClaim)?.Value)
        {
            context.Fail("The agent no longer has access.");
            return;
        }
        context.HttpContext.Items[typeof(AgentUser)] = agent;
    }

    /// <summary>The agent of an authenticated request, as the database has them now (their current role).</summary>
    public static AgentUser Agent(this HttpContext http) =>
        http.Items[typeof(AgentUser)] as AgentUser ?? throw new InvalidOperationException("Not an agent session.");

    /// <summary>The token's id and expiry, to revoke it.</summary>
    public static (string TokenId, DateTimeOffset ExpiresAt) SessionToken(this HttpContext http)
    {
        var principal = http.User;
        var tokenId = principal.FindFirst(JwtRegisteredClaimNames.Jti)!.Value;
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(principal.FindFirst(JwtRegisteredClaimNames.Exp)!.Value,
            System.Globalization.CultureInfo.InvariantCulture));
        return (tokenId, expires);
    }
}
