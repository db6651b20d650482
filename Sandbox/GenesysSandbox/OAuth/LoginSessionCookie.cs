using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// The login host's session cookie. HttpOnly, because no script of any page needs it. SameSite=Lax, because the widget
/// navigates its frame to <c>/oauth/authorize</c> from another site: the frame's top-level page is the simulator's own
/// interaction window, so browsers still send a Lax cookie there, and never on a cross-site POST. No Expires: it ends
/// with the browser session or with the server-side session, whichever comes first.
/// </summary>
public static class LoginSessionCookie
{
    public const string Name = "gc-sandbox-session";

    public static void Set(HttpContext context, LoginSession session) =>
        context.Response.Cookies.Append(Name, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Secure = context.Request.IsHttps,
        });

    /// <summary>The user the request's cookie signs in, if the session is live and the user still exists and is active.</summary>
    public static DirectoryUser? SignedInUser(HttpContext context, LoginSessionStore sessions, OrganizationDirectory directory) =>
        sessions.FindLive(context.Request.Cookies[Name]) is { } session &&
        directory.FindUser(session.OrganizationId, session.UserId) is { IsActive: true } user
            ? user
            : null;
}
