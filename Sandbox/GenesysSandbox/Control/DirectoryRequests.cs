using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>
/// PUT /sandbox/organizations/{orgId}/users/{userId}: creates or replaces a user. Role names become roles with ids
/// derived from the names; <paramref name="State"/> is <c>active</c> (the default) or <c>inactive</c>.
/// </summary>
public sealed record PutUserRequest(string? Name, string? Email, IReadOnlyList<string>? Roles, string? State);

public sealed record UserView(string Id, string OrganizationId, string Name, string Email, string State, IReadOnlyList<Role> Roles)
{
    public static UserView From(DirectoryUser user) => new(user.Id, user.OrganizationId, user.Name, user.Email, user.State, user.Roles);
}

/// <summary>An organization with the client-credentials clients that belong to it and its number of users.</summary>
public sealed record OrganizationView(string Id, string Name, IReadOnlyList<string> ClientIds, int UserCount);

/// <summary>POST /sandbox/login-clients: adds a public PKCE client or replaces its redirect URIs.</summary>
public sealed record RegisterLoginClientRequest(string? ClientId, IReadOnlyList<string>? RedirectUris);
