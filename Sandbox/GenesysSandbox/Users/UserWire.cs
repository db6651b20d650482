using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Users;

/// <summary>
/// Genesys's <c>User</c> with the fields a sign-in reads. <c>organization</c> and <c>authorization</c> appear only when
/// asked for with <c>expand</c>; null members are left out of the JSON.
/// </summary>
public sealed record GenesysUser(
    string Id,
    string Name,
    string Email,
    string Username,
    string State,
    int Version,
    string SelfUri,
    OrganizationReference? Organization,
    UserAuthorization? Authorization)
{
    public static GenesysUser From(DirectoryUser user, Organization? organization, UserExpansions expand) => new(
        user.Id,
        user.Name,
        user.Email,
        user.Email,
        user.State,
        1,
        user.SelfUri,
        expand.Organization && organization is not null ? new OrganizationReference(organization.Id, organization.Name, organization.SelfUri) : null,
        expand.Authorization ? new UserAuthorization([.. user.Roles.Select(r => new DomainRole(r.Id, r.Name))], [], []) : null);
}

/// <summary>The organization as a user's <c>expand=organization</c> shows it.</summary>
public sealed record OrganizationReference(string Id, string Name, string SelfUri);

/// <summary>Genesys's <c>UserAuthorization</c>: the user's roles. The simulator grants no permissions of its own.</summary>
public sealed record UserAuthorization(IReadOnlyList<DomainRole> Roles, IReadOnlyList<DomainRole> UnusedRoles, IReadOnlyList<string> Permissions);

public sealed record DomainRole(string Id, string Name);

/// <summary>
/// The <c>expand</c> values the simulator knows, read from one comma-separated parameter or the parameter repeated.
/// Other values are ignored.
/// </summary>
public sealed record UserExpansions(bool Organization, bool Authorization)
{
    public static UserExpansions Read(HttpRequest request)
    {
        var values = request.Query["expand"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return new UserExpansions(values.Contains("organization"), values.Contains("authorization"));
    }
}
