namespace WhatsAppGenesys.AuthService.Agents;

/// <summary>Configuration section <c>Genesys:AgentSignIn</c>.</summary>
public sealed class AgentSignInOptions
{
    public const string SectionName = "Genesys:AgentSignIn";

    /// <summary>
    /// The product's own Genesys OAuth client for agent sign-in: a public client with the PKCE grant, registered once
    /// (as a partner application's client is) and authorized by each customer organization. It has no secret: PKCE
    /// proves that whoever redeems a code is who asked for it.
    /// </summary>
    public string ClientId { get; set; } = "whatsappgenesys-agent-portal";
}
