using System.Diagnostics.CodeAnalysis;
using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;
using WhatsAppGenesys.GenesysSandbox.OAuth;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// Bearer-token gate of the API host, in Genesys's order: authentication (401), the per-token rate limit (429), the
/// integration (404) and whether the token's OAuth client may use it (403). A user token stops working (401) once its
/// user is made inactive or deleted.
/// </summary>
public static class GenesysApiAuth
{
    private const string CallerKey = "genesys.caller";

    public static RouteGroupBuilder RequireIntegrationAccess(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var (token, error) = Authenticate(context);
            if (error is not null)
            {
                return error;
            }

            var registry = context.RequestServices.GetRequiredService<IntegrationRegistry>();
            var integrationId = context.Request.RouteValues["integrationId"] as string ?? string.Empty;
            if (!registry.TryGetIntegration(integrationId, out var integration))
            {
                return GenesysErrors.NotFound(context);
            }
            // Real Genesys scopes integrations to the OAuth client's organization; the simulator treats every client
            // as its own organization and answers a foreign integration with 403 not.authorized (see README).
            if (!Owns(token!, integration))
            {
                return GenesysErrors.NotAuthorized(context);
            }

            context.Items[CallerKey] = integration;
            return await next(invocation);
        });

    /// <summary>Whether the token's OAuth client (its organization, in the simulator) owns the integration.</summary>
    public static bool Owns(AccessToken token, Integration integration) =>
        string.Equals(integration.ClientId, token.ClientId, StringComparison.Ordinal);

    public static Integration Integration(HttpContext context) => (Integration)context.Items[CallerKey]!;

    /// <summary>Checks the bearer token and counts the request against the token's rate limit.</summary>
    public static (AccessToken? Token, IResult? Error) Authenticate(HttpContext context)
    {
        if (!TryReadBearer(context.Request, out var value))
        {
            return (null, GenesysErrors.AuthenticationRequired(context));
        }

        var tokens = context.RequestServices.GetRequiredService<TokenStore>();
        switch (tokens.Check(value, out var token))
        {
            case TokenState.Unknown:
                return (null, GenesysErrors.AuthenticationRequired(context));
            case TokenState.Expired:
                return (null, GenesysErrors.CredentialsExpired(context));
        }
        if (token!.UserId is { } userId &&
            context.RequestServices.GetRequiredService<OrganizationDirectory>().FindUser(token.OrganizationId, userId) is not { IsActive: true })
        {
            return (null, GenesysErrors.AuthenticationRequired(context));
        }

        var limiter = context.RequestServices.GetRequiredService<TokenRateLimiter>();
        if (!limiter.TryAcquire(value, out var limit, out var retryAfter))
        {
            context.RequestServices.GetRequiredService<SandboxCounters>().RateLimited();
            return (null, GenesysErrors.TooManyRequests(context, limit, TokenRateLimiter.WindowSeconds, retryAfter));
        }

        return (token, null);
    }

    private static bool TryReadBearer(HttpRequest request, [NotNullWhen(true)] out string? token)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.Length > prefix.Length && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            token = header[prefix.Length..].Trim();
            return token.Length > 0;
        }

        token = null;
        return false;
    }
}
