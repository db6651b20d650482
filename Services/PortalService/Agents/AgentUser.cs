namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// An agent of a tenant, provisioned the first time they sign in with Genesys and kept in step with Genesys at every
/// sign-in and by the role sync. <see cref="Active"/> false: Genesys removed or disabled them, so no session of theirs
/// is accepted any more.
/// </summary>
public sealed class AgentUser
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The Genesys Cloud user id: the identity Genesys vouches for.</summary>
    public required string GenesysUserId { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    /// <summary>What the portal lets them do: <see cref="AgentRoles"/>.</summary>
    public required string Role { get; set; }

    /// <summary>The Genesys role names the role was derived from, as Genesys last reported them.</summary>
    public List<string> GenesysRoles { get; set; } = [];

    public bool Active { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSignInAt { get; set; }

    /// <summary>When Genesys last confirmed the user and their roles (a sign-in or the role sync).</summary>
    public DateTimeOffset SyncedAt { get; set; }
}
