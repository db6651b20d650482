namespace WhatsAppGenesys.AgentPortal.SignIn;

/// <summary>
/// The agent's session: the portal service's HS256 token in an httpOnly, Secure, SameSite=Lax cookie rather than in
/// local storage, so a script injected into a page cannot steal it. It expires with the token.
/// </summary>
public static class AgentSessionCookie
{
    public const string Name = "wag-agent";

    public static void Write(HttpResponse response, string token, DateTimeOffset expiresAt) =>
        response.Cookies.Append(Name, token, Options(expiresAt));

    public static string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var token) && token.Length > 0 ? token : null;

    public static void Delete(HttpResponse response) => response.Cookies.Delete(Name, Options(null));

    private static CookieOptions Options(DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
