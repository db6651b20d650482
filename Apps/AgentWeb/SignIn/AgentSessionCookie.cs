namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>
/// The agent's session: the portal service's HS256 token in an httpOnly, Secure cookie rather than in local storage,
/// so a script injected into a page cannot steal it. It expires with the token. Its name and SameSite rule are the
/// app's <see cref="AgentCookiePolicy"/>.
/// </summary>
public sealed class AgentSessionCookie(AgentCookiePolicy policy)
{
    public void Write(HttpResponse response, string token, DateTimeOffset expiresAt) =>
        response.Cookies.Append(policy.SessionCookie, token, policy.Options("/", expires: expiresAt));

    public string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(policy.SessionCookie, out var token) && token.Length > 0 ? token : null;

    public void Delete(HttpResponse response) => response.Cookies.Delete(policy.SessionCookie, policy.Options("/"));
}
