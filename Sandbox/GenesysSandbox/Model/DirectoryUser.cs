namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>A user of an organization. <paramref name="State"/> is <c>active</c> or <c>inactive</c>.</summary>
public sealed record DirectoryUser(
    string Id,
    string OrganizationId,
    string Name,
    string Email,
    IReadOnlyList<Role> Roles,
    string State)
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public bool IsActive => State == Active;

    public string SelfUri => $"/api/v2/users/{Id}";
}

/// <summary>An authorization role. The id is derived from the name, so one name has the same id in every organization.</summary>
public sealed record Role(string Id, string Name)
{
    public static Role Named(string name) => new(StableGuid.From("role:" + name), name);
}
