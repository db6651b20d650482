using System.Text.Json.Serialization;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.OAuth;

/// <summary>
/// The aggregator's OAuth 2.0 authorization server: <c>POST /oauth2/token</c> (client_credentials and refresh_token
/// grants, RFC 6749 §4.4 and §6) and <c>POST /oauth2/revoke</c> (RFC 7009). Clients authenticate with HTTP Basic first;
/// then the grant is checked.
/// </summary>
public static class OAuthEndpoints
{
    public const string TokenPath = "/oauth2/token";
    public const string RevokePath = "/oauth2/revoke";

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, IssueAsync).DisableAntiforgery();
        app.MapPost(RevokePath, RevokeAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AgentRegistry agents, TokenStore tokens, SandboxSettings settings,
        SandboxCounters counters)
    {
        var (agent, form, failure) = await AuthenticateAsync(context, agents);
        if (failure is not null)
        {
            return Reject(counters, failure);
        }

        var grantType = form["grant_type"].ToString();
        var accessLifetime = TimeSpan.FromSeconds(Math.Max(1, agent!.AccessTokenLifetimeSeconds ?? settings.AccessTokenLifetimeSeconds));
        var refreshLifetime = TimeSpan.FromSeconds(Math.Max(1, agent.RefreshTokenLifetimeSeconds ?? settings.RefreshTokenLifetimeSeconds));
        IssuedTokens issued;
        switch (grantType)
        {
            case "":
                return Reject(counters, OAuthError.InvalidRequest("Missing grant_type."));
            case "client_credentials":
                issued = tokens.Issue(agent.ClientId, accessLifetime, refreshLifetime);
                break;
            case "refresh_token":
                var refreshToken = form["refresh_token"].ToString();
                if (refreshToken.Length == 0)
                {
                    return Reject(counters, OAuthError.InvalidRequest("Missing refresh_token."));
                }
                var outcome = tokens.Refresh(agent.ClientId, refreshToken, accessLifetime, refreshLifetime,
                    settings.RevokeFamilyOnRefreshReuse, out var refreshed);
                if (outcome != RefreshFailure.None)
                {
                    return Reject(counters, OAuthError.InvalidGrant(Describe(outcome)));
                }
                issued = refreshed!;
                break;
            default:
                return Reject(counters, OAuthError.UnsupportedGrantType(grantType));
        }

        counters.TokenIssued(grantType, agent.ClientId);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        return Results.Json(new TokenResponse(issued.Access.Value, "Bearer", (long)accessLifetime.TotalSeconds,
            issued.Refresh.Value, (long)refreshLifetime.TotalSeconds), RbmJson.Options);
    }

    // RFC 7009 §2.2: 200 whether or not the token was known, valid or this client's, so a caller learns nothing from it.
    private static async Task<IResult> RevokeAsync(HttpContext context, AgentRegistry agents, TokenStore tokens, SandboxCounters counters)
    {
        var (agent, form, failure) = await AuthenticateAsync(context, agents);
        if (failure is not null)
        {
            return Reject(counters, failure);
        }
        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return Reject(counters, OAuthError.InvalidRequest("Missing token."));
        }
        if (tokens.Revoke(agent!.ClientId, token))
        {
            Interlocked.Increment(ref counters.TokensRevoked);
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok();
    }

    private static async Task<(Agent? Agent, IFormCollection Form, OAuthError? Failure)> AuthenticateAsync(HttpContext context, AgentRegistry agents)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        if (!ClientCredentials.TryRead(context.Request, out var clientId, out var secret))
        {
            var inBody = form.ContainsKey("client_secret");
            return (null, form, OAuthError.InvalidClient(inBody
                ? "Client credentials in the request body are not accepted; use HTTP Basic authentication."
                : "Missing client authentication (HTTP Basic)."));
        }
        var agent = agents.FindByClient(clientId);
        if (agent is null || !AgentRegistry.SecretMatches(agent, secret))
        {
            return (null, form, OAuthError.InvalidClient());
        }
        if (!context.Request.HasFormContentType)
        {
            return (agent, form, OAuthError.InvalidRequest("The request must be application/x-www-form-urlencoded."));
        }
        return (agent, form, null);
    }

    private static string Describe(RefreshFailure failure) => failure switch
    {
        RefreshFailure.Expired => "Refresh token has expired.",
        RefreshFailure.Revoked => "Refresh token has been revoked.",
        RefreshFailure.Reused => "Refresh token has already been used.",
        RefreshFailure.OtherClient => "Refresh token was issued to another client.",
        _ => "Refresh token is invalid.",
    };

    private static IResult Reject(SandboxCounters counters, OAuthError error)
    {
        Interlocked.Increment(ref counters.TokenRequestsRejected);
        return error.ToResult();
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string RefreshToken,
        [property: JsonPropertyName("refresh_token_expires_in")] long RefreshTokenExpiresIn);
}
