using WhatsAppGenesys.GenesysSandbox.Control;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// <c>POST /oauth/token</c> with <c>grant_type=authorization_code</c> (RFC 6749 §4.1.3, RFC 7636 §4.5): a public login
/// client, identified by the form's <c>client_id</c> and no secret, trades a code and its PKCE verifier for a user token.
/// A failed attempt leaves the code usable until it expires; a successful one uses it up.
/// </summary>
public static class AuthorizationCodeGrant
{
    public const string GrantType = "authorization_code";

    public static IResult Redeem(HttpContext context, IFormCollection form)
    {
        var services = context.RequestServices;
        var clientId = form["client_id"].ToString();
        if (services.GetRequiredService<LoginClientRegistry>().Find(clientId) is null)
        {
            return OAuthEndpoints.Error("invalid_client", "client not found");
        }

        var value = form["code"].ToString();
        var verifier = form["code_verifier"].ToString();
        if (value.Length == 0)
        {
            return OAuthEndpoints.Error("invalid_request", "missing code");
        }
        if (verifier.Length == 0)
        {
            return OAuthEndpoints.Error("invalid_request", "missing code_verifier");
        }

        var codes = services.GetRequiredService<AuthorizationCodeStore>();
        if (codes.FindLive(value) is not { } code)
        {
            return InvalidGrant("authorization code is unknown, expired or already used");
        }
        if (code.ClientId != clientId)
        {
            return InvalidGrant("authorization code was issued to another client");
        }
        if (code.RedirectUri != form["redirect_uri"].ToString())
        {
            return InvalidGrant("redirect_uri does not match the authorization request");
        }
        if (!Pkce.Matches(verifier, code.CodeChallenge))
        {
            return InvalidGrant("code_verifier does not match the code_challenge");
        }
        if (services.GetRequiredService<OrganizationDirectory>().FindUser(code.OrganizationId, code.UserId) is not { IsActive: true })
        {
            return InvalidGrant("the user is no longer active");
        }
        if (!codes.TryConsume(code))
        {
            return InvalidGrant("authorization code is unknown, expired or already used");
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(1, services.GetRequiredService<SandboxSettings>().TokenLifetimeSeconds));
        var token = services.GetRequiredService<TokenStore>().IssueForUser(clientId, code.OrganizationId, code.UserId, lifetime);
        services.GetRequiredService<SandboxCounters>().TokenExchanged(clientId);
        return OAuthEndpoints.Issued(context, token, lifetime);
    }

    private static IResult InvalidGrant(string description) => OAuthEndpoints.Error("invalid_grant", description);
}
