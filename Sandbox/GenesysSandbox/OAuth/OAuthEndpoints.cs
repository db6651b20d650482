using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// The login host's token endpoint, <c>POST /oauth/token</c>. <c>grant_type=authorization_code</c> is a login client
/// redeeming a code (see <see cref="AuthorizationCodeGrant"/>); every other request takes the client-credentials path:
/// HTTP Basic client authentication first, then the form's <c>grant_type=client_credentials</c>. Errors use the login
/// host's OAuth shape <c>{error, description, error_description}</c> (not ErrorBody), as real Genesys does.
/// </summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", IssueToken).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueToken(HttpContext context, IntegrationRegistry registry, TokenStore tokens,
        SandboxSettings settings, SandboxCounters counters)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;
        var grantType = form["grant_type"].ToString();
        if (grantType == AuthorizationCodeGrant.GrantType)
        {
            return AuthorizationCodeGrant.Redeem(context, form);
        }

        if (!TryReadBasicCredentials(context.Request, out var clientId, out var secret))
        {
            return Error("invalid_client", "authentication failed");
        }

        var client = registry.FindClient(clientId);
        if (client is null)
        {
            return Error("invalid_client", "client not found");
        }
        if (!IntegrationRegistry.SecretMatches(client, secret))
        {
            return Error("invalid_client", "authentication failed");
        }

        if (grantType.Length == 0)
        {
            return Error("invalid_request", "missing grant type");
        }
        if (grantType != "client_credentials")
        {
            return Error("unsupported_grant_type", "unsupported grant type");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(1, client.TokenLifetimeSeconds ?? settings.TokenLifetimeSeconds));
        var token = tokens.Issue(client.ClientId, client.OrganizationId, lifetime);
        counters.TokenExchanged(client.ClientId);
        return Issued(context, token, lifetime);
    }

    /// <summary>The token response, <c>{access_token, token_type: "bearer", expires_in}</c>, never to be cached.</summary>
    internal static IResult Issued(HttpContext context, AccessToken token, TimeSpan lifetime)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new TokenResponse(token.Value, "bearer", (long)lifetime.TotalSeconds), SandboxJson.Options);
    }

    // Genesys's login host answers every rejected client-credentials request with 400 and this body (the go-gcloudcx
    // fixtures "client not found" / "authentication failed" are tested as bad requests).
    internal static IResult Error(string error, string description) =>
        Results.Json(new OAuthError(error, description, description), SandboxJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static bool TryReadBasicCredentials(HttpRequest request, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) ||
            string.IsNullOrEmpty(header.Parameter))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }
            clientId = decoded[..colon];
            secret = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
