namespace WhatsAppGenesys.AgentPortal.SignIn;

/// <summary>Configuration section <c>AgentPortal</c>.</summary>
public sealed class AgentPortalOptions
{
    public const string SectionName = "AgentPortal";

    /// <summary>
    /// The portal's public address, as registered with Genesys: the sign-in callback is {PublicBaseUrl}/signin/callback,
    /// and Genesys redirects only to an address it has registered, character for character. Unset: the request's own.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
