using System.Text.Json.Serialization;

namespace WhatsAppGenesys.AuthService.Agents;

// The parts of Genesys Cloud's platform API answers that sign-in reads:
// GET /api/v2/users/me and /api/v2/users/{id} with expand=organization,authorization (a User), and
// GET /api/v2/organizations/me (an Organization).

public sealed record GenesysUserWire(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("organization")] GenesysEntityWire? Organization,
    [property: JsonPropertyName("authorization")] GenesysAuthorizationWire? Authorization);

public sealed record GenesysAuthorizationWire(
    [property: JsonPropertyName("roles")] IReadOnlyList<GenesysEntityWire>? Roles);

public sealed record GenesysEntityWire(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

public sealed record OAuthCodeTokenWire(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

public sealed record OAuthErrorWire(
    [property: JsonPropertyName("error")] string? Error);
