namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>
/// The names and cross-site rules of an agent app's two cookies: the session and the sign-in attempt. Each app has
/// its own names, because browsers share cookies between ports of one host.
/// </summary>
/// <param name="SameSite">
/// Lax for a site agents open themselves. None for a page framed by Genesys Cloud: inside another site's frame a
/// browser sends only SameSite=None cookies.
/// </param>
/// <param name="Partitioned">
/// Keyed to the site that frames the page (CHIPS), so browsers that block third-party cookies still keep it, and no
/// other site framing the page would see it.
/// </param>
public sealed record AgentCookiePolicy(string SessionCookie, string SignInCookie, SameSiteMode SameSite, bool Partitioned)
{
    /// <summary>The agent portal, a site of its own.</summary>
    public static readonly AgentCookiePolicy Portal = new("wag-agent", "wag-agent-signin", SameSiteMode.Lax, Partitioned: false);

    /// <summary>The agent widget, framed by Genesys Cloud's interaction window.</summary>
    public static readonly AgentCookiePolicy Embedded = new("wag-widget", "wag-widget-signin", SameSiteMode.None, Partitioned: true);

    public CookieOptions Options(string path, DateTimeOffset? expires = null, TimeSpan? maxAge = null)
    {
        var options = new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSite,
            Path = path,
            Expires = expires,
            MaxAge = maxAge,
            IsEssential = true,
        };
        if (Partitioned)
        {
            options.Extensions.Add("Partitioned");
        }
        return options;
    }
}
