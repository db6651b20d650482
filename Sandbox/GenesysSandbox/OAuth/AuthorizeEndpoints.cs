using Microsoft.Extensions.Primitives;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// The login host's authorization endpoint for the authorization-code grant with PKCE. <c>GET /oauth/authorize</c>
/// shows the active users of every organization instead of a password form; choosing one POSTs back here, and the
/// answer is a 302 to the client's redirect URI with <c>code</c> and <c>state</c>. A browser already signed in (the
/// session cookie of the interaction window) gets that 302 at once from the GET, as Genesys's login host answers an agent
/// already signed in to Genesys Cloud, unless the client asks for <c>prompt=login</c>.
/// </summary>
public static class AuthorizeEndpoints
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", ShowSignIn).ExcludeFromDescription();
        app.MapPost("/oauth/authorize", SignIn).ExcludeFromDescription();
        return app;
    }

    private static IResult ShowSignIn(HttpContext context, LoginClientRegistry clients, OrganizationDirectory directory,
        LoginSessionStore sessions, AuthorizationCodeStore codes)
    {
        var (request, error) = AuthorizeRequest.Read(name => context.Request.Query[name], clients);
        if (error is not null)
        {
            return error;
        }
        // Only a request that passed every check above may skip the page, so a session never sends a code anywhere
        // the picker would not.
        if (!ForcesLogin(context.Request.Query["prompt"]) &&
            LoginSessionCookie.SignedInUser(context, sessions, directory) is { } signedIn)
        {
            return RedirectWithCode(request!, signedIn, codes);
        }

        var hidden = context.Request.Query
            .Where(p => p.Key != "userId")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)));
        var groups = directory.Organizations()
            .Select(o => (Organization: o, Users: (IReadOnlyList<DirectoryUser>)[.. directory.Users(o.Id).Where(u => u.IsActive)]))
            .Where(g => g.Users.Count > 0)
            .ToList();
        return LoginPages.SignIn(request!.ClientId, hidden, groups);
    }

    private static async Task<IResult> SignIn(HttpContext context, LoginClientRegistry clients, OrganizationDirectory directory,
        AuthorizationCodeStore codes)
    {
        if (!context.Request.HasFormContentType)
        {
            return LoginPages.Error("The sign-in form must be posted as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (request, error) = AuthorizeRequest.Read(name => form[name], clients);
        if (error is not null)
        {
            return error;
        }

        var userId = form["userId"].ToString();
        if (userId.Length == 0 || directory.FindUser(userId) is not { } user)
        {
            return LoginPages.Error(userId.Length == 0 ? "No user was chosen." : $"Unknown user \"{userId}\".");
        }
        if (!user.IsActive)
        {
            return LoginPages.Error($"User \"{user.Name}\" is inactive and cannot sign in.");
        }

        return RedirectWithCode(request!, user, codes);
    }

    /// <summary>The successful answer: a code for the user, bound to the request's client, redirect URI and challenge.</summary>
    private static IResult RedirectWithCode(AuthorizeRequest request, DirectoryUser user, AuthorizationCodeStore codes)
    {
        var code = codes.Issue(request.ClientId, request.RedirectUri, user.Id, user.OrganizationId, request.CodeChallenge);
        return Results.Redirect(AuthorizeRequest.RedirectUrl(request.RedirectUri, ("code", code.Value), ("state", request.State)));
    }

    /// <summary>
    /// OpenID Connect's <c>prompt</c> is a space-separated list; <c>login</c> asks for the sign-in page even when the
    /// user is signed in (OpenID Connect Core 1.0 §3.1.2.1). Other values are ignored.
    /// </summary>
    private static bool ForcesLogin(StringValues prompt) =>
        prompt.Any(value => value?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("login", StringComparer.Ordinal) == true);
}
