namespace WhatsAppGenesys.PortalService.Lists;

/// <summary>
/// A named audience. A static list holds the contacts put into it (<see cref="ContactListMember"/>); a dynamic list
/// holds whoever matches its filter now: every one of <see cref="FilterTags"/> and every attribute of
/// <see cref="FilterAttributes"/> with exactly that value.
/// </summary>
public sealed class ContactList
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="ContactListKinds"/>.</summary>
    public required string Kind { get; set; }

    public List<string> FilterTags { get; set; } = [];
    public Dictionary<string, string> FilterAttributes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class ContactListKinds
{
    public const string Static = "static";
    public const string Dynamic = "dynamic";
}
