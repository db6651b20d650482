namespace WhatsAppGenesys.AgentWeb.SignIn;

/// <summary>Configuration section <c>SignIn</c>.</summary>
public sealed class AgentSignInOptions
{
    public const string SectionName = "SignIn";

    /// <summary>
    /// The app's public address, as registered with Genesys: the sign-in callback is {PublicBaseUrl}/signin/callback,
    /// and Genesys redirects only to an address it has registered, character for character. Unset: the request's own.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
