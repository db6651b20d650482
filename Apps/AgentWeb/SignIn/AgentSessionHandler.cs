using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>
/// Authenticates a request by its session cookie: the portal service says whom the token belongs to, and whether it
/// still counts (not expired, not signed out, the agent not disabled in Genesys). Answers are remembered for a few
/// seconds so a page load is one check, not one per resource; sign-out forgets its own at once.
/// </summary>
public sealed class AgentSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PortalServiceClient portal,
    AgentSessionCookie cookie,
    IMemoryCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AgentSession";
    public const string TenantClaim = "tenant";
    public const string GenesysUserClaim = "genesys-user";

    /// <summary>
    /// The session token itself, for the workspace's calls to the portal service made on the agent's behalf. The
    /// principal lives on the server only (an interactive page's circuit gets it from its connection's cookie); it
    /// is never sent to the browser.
    /// </summary>
    public const string SessionTokenClaim = "session-token";
    private static readonly TimeSpan Remembered = TimeSpan.FromSeconds(10);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (cookie.Read(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }
        var key = CacheKey(token);
        if (!cache.TryGetValue(key, out AgentProfile? agent))
        {
            var answer = await portal.MeAsync(token, Context.RequestAborted);
            if (answer.Status == StatusCodes.Status401Unauthorized)
            {
                return AuthenticateResult.Fail("The session has ended.");
            }
            if (answer.Value is null)
            {
                return AuthenticateResult.Fail($"The portal service answered {answer.Status}.");
            }
            agent = answer.Value;
            cache.Set(key, agent, Remembered);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(agent!, token), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }

    public static void Forget(IMemoryCache cache, string token) => cache.Remove(CacheKey(token));

    // The token itself is not kept as a key: a memory dump should not hand out sessions.
    private static string CacheKey(string token) => "agent-session:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ClaimsPrincipal Principal(AgentProfile agent, string token) => new(new ClaimsIdentity(
    [
        new Claim(SessionTokenClaim, token),
        new Claim(GenesysUserClaim, agent.GenesysUserId),
        new Claim(ClaimTypes.NameIdentifier, agent.Id.ToString()),
        new Claim(ClaimTypes.Name, agent.Name),
        new Claim(ClaimTypes.Role, agent.Role),
        new Claim(TenantClaim, agent.TenantId),
        .. agent.Email is { } email ? [new Claim(ClaimTypes.Email, email)] : Array.Empty<Claim>(),
    ], SchemeName));
}
