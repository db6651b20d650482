using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>
/// The sign-in round trip: <c>/signin/start</c> sends the browser to the tenant's Genesys login with a PKCE
/// challenge; Genesys sends it back to <c>/signin/callback</c> with a code, which the portal service redeems and turns
/// into a session. Failures land on the sign-in page with a reason code (never free text from the query, which
/// anyone could forge); <see cref="SignInErrors"/> words them.
/// </summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/signin/start", StartAsync);
        app.MapGet("/signin/callback", CallbackAsync);
        // A POST with an antiforgery token, so another site cannot sign an agent out; [FromForm] makes the framework check it.
        app.MapPost("/signout", async (HttpContext context, PortalServiceClient portal, AgentSessionCookie cookie, IMemoryCache cache,
            [FromForm] string? reason) =>
        {
            if (cookie.Read(context.Request) is { } token)
            {
                AgentSessionHandler.Forget(cache, token);
                await portal.SignOutAsync(token, context.RequestAborted);
            }
            cookie.Delete(context.Response);
            return TypedResults.LocalRedirect(SignInErrors.SignedOutPage);
        });
    }

    private static async Task<IResult> StartAsync(string? workspace, string? returnUrl, HttpContext context,
        PortalServiceClient portal, SignInAttempts attempts, IOptions<AgentSignInOptions> options, TimeProvider time)
    {
        workspace = workspace?.Trim().ToLowerInvariant();
        if (!TenantIds.IsValid(workspace))
        {
            return Back(SignInErrors.UnknownWorkspace, workspace, returnUrl);
        }
        var verifier = Pkce.NewVerifier();
        var state = Pkce.NewState();
        var authorize = await portal.AuthorizeAsync(
            new AgentAuthorizeRequest(workspace!, CallbackUrl(context, options.Value), state, Pkce.Challenge(verifier)), context.RequestAborted);
        if (authorize.Value is not { } url)
        {
            return Back(authorize.Status switch
            {
                StatusCodes.Status404NotFound => SignInErrors.UnknownWorkspace,
                StatusCodes.Status403Forbidden => SignInErrors.WorkspaceInactive,
                StatusCodes.Status409Conflict => SignInErrors.WorkspaceNotConnected,
                _ => SignInErrors.Unavailable,
            }, workspace, returnUrl);
        }
        attempts.Save(context.Response, new SignInAttempt(workspace!, state, verifier, SafeReturnUrl(returnUrl), time.GetUtcNow()));
        return Results.Redirect(url.AuthorizeUrl);
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, string? error, HttpContext context,
        PortalServiceClient portal, SignInAttempts attempts, AgentSessionCookie cookie, IOptions<AgentSignInOptions> options)
    {
        var attempt = attempts.Take(context.Request, context.Response);
        if (attempt is null || state is null ||
            !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(attempt.State)))
        {
            return Back(SignInErrors.Expired, attempt?.Workspace, attempt?.ReturnUrl);
        }
        if (error is not null || string.IsNullOrEmpty(code))
        {
            return Back(SignInErrors.Declined, attempt.Workspace, attempt.ReturnUrl);
        }

        var session = await portal.SignInAsync(
            new AgentSignInRequest(attempt.Workspace, code, CallbackUrl(context, options.Value), attempt.CodeVerifier), context.RequestAborted);
        if (session.Value is not { } signedIn)
        {
            return Back(session.Status switch
            {
                StatusCodes.Status401Unauthorized => SignInErrors.Expired,
                StatusCodes.Status403Forbidden when session.ProblemTitle == "Another organization" => SignInErrors.OtherOrganization,
                StatusCodes.Status403Forbidden when session.ProblemTitle == "User inactive" => SignInErrors.UserInactive,
                StatusCodes.Status403Forbidden => SignInErrors.WorkspaceInactive,
                StatusCodes.Status404NotFound => SignInErrors.UnknownWorkspace,
                _ => SignInErrors.Unavailable,
            }, attempt.Workspace, attempt.ReturnUrl);
        }
        cookie.Write(context.Response, signedIn.Token, signedIn.ExpiresAt);
        return Results.LocalRedirect(attempt.ReturnUrl);
    }

    // Back to the sign-in page, saying why, with the workspace and where the agent was going, to try again from there.
    private static IResult Back(string error, string? workspace, string? returnUrl) =>
        Results.LocalRedirect($"/signin?error={error}"
            + (TenantIds.IsValid(workspace) ? $"&workspace={workspace}" : "")
            + (SafeReturnUrl(returnUrl) is var back && back != "/" ? $"&returnUrl={Uri.EscapeDataString(back)}" : ""));

    /// <summary>Exactly the address registered with Genesys: Genesys compares redirect URIs character for character.</summary>
    private static string CallbackUrl(HttpContext context, AgentSignInOptions options)
    {
        var baseUrl = options.PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        return baseUrl + "/signin/callback";
    }

    // Only a path on this site: an open redirect would let a link to our sign-in page land agents somewhere else.
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) &&
        !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/signin", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
