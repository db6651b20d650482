namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>Configuration section <c>AgentSessions</c>.</summary>
public sealed class AgentSessionOptions
{
    public const string SectionName = "AgentSessions";

    /// <summary>The HS256 key of agent session tokens: base64 of at least 32 bytes. Shared by the portal service's replicas only.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>How long a session lasts: a working shift.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often every active agent is checked against Genesys (roles, disabled, removed).</summary>
    public TimeSpan RoleSyncInterval { get; set; } = TimeSpan.FromMinutes(15);

    public const string Issuer = "whatsappgenesys-portal-service";
    public const string Audience = "whatsappgenesys-agent-portal";
}
