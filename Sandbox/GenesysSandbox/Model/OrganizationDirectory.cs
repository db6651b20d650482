using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.Model;

public enum PutUserResult
{
    Stored,
    UnknownOrganization,
    IdTakenByAnotherOrganization,
}

/// <summary>
/// Organizations and their users. It starts with the configured client's organization (derived from its client id);
/// the others come with client registration. A user id is unique across organizations, as Genesys's user GUIDs are;
/// ids compare case-insensitively, like the GUIDs in Genesys's paths.
/// </summary>
public sealed class OrganizationDirectory
{
    private readonly ConcurrentDictionary<string, Organization> _organizations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DirectoryUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public OrganizationDirectory(IOptions<GenesysSandboxOptions> options)
    {
        var organization = Organization.DefaultFor(options.Value.ClientId);
        _organizations[organization.Id] = organization;
        foreach (var user in options.Value.Users.Where(u => u.Id.Length > 0))
        {
            _users[user.Id] = new DirectoryUser(user.Id, organization.Id, user.Name, user.Email,
                [.. user.Roles.Select(Role.Named)], DirectoryUser.Active);
        }
    }

    /// <summary>Adds the organization, or renames it when <paramref name="name"/> is given; returns what is stored.</summary>
    public Organization Ensure(string id, string? name, string defaultName) =>
        _organizations.AddOrUpdate(id,
            static (key, arg) => new Organization(key, arg.name ?? arg.defaultName),
            static (_, existing, arg) => arg.name is null ? existing : existing with { Name = arg.name },
            (name, defaultName));

    public Organization? Find(string id) => _organizations.GetValueOrDefault(id);

    public IEnumerable<Organization> Organizations() => _organizations.Values.OrderBy(o => o.Name, StringComparer.Ordinal);

    public PutUserResult Put(DirectoryUser user)
    {
        lock (_gate)
        {
            if (!_organizations.ContainsKey(user.OrganizationId))
            {
                return PutUserResult.UnknownOrganization;
            }
            if (_users.TryGetValue(user.Id, out var existing) &&
                !string.Equals(existing.OrganizationId, user.OrganizationId, StringComparison.OrdinalIgnoreCase))
            {
                return PutUserResult.IdTakenByAnotherOrganization;
            }
            _users[user.Id] = user;
            return PutUserResult.Stored;
        }
    }

    public bool Delete(string organizationId, string userId)
    {
        lock (_gate)
        {
            return FindUser(organizationId, userId) is { } user && _users.TryRemove(user.Id, out _);
        }
    }

    /// <summary>The user if it belongs to this organization; a user of another organization is not found.</summary>
    public DirectoryUser? FindUser(string organizationId, string userId) =>
        _users.TryGetValue(userId, out var user) &&
        string.Equals(user.OrganizationId, organizationId, StringComparison.OrdinalIgnoreCase)
            ? user
            : null;

    public DirectoryUser? FindUser(string userId) => _users.GetValueOrDefault(userId);

    public IEnumerable<DirectoryUser> Users(string organizationId) =>
        _users.Values
            .Where(u => string.Equals(u.OrganizationId, organizationId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(u => u.Name, StringComparer.Ordinal);
}
