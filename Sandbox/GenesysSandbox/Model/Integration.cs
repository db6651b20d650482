namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>An Open Messaging integration: where agent messages go and which OAuth client may post for it.</summary>
public sealed record Integration(
    string Id,
    string Name,
    string? WebhookUrl,
    string? WebhookSecret,
    string ClientId,
    IReadOnlyDictionary<string, string> WebhookHeaders);

/// <summary>
/// An OAuth client-credentials client of an organization. <paramref name="TokenLifetimeSeconds"/> null = the sandbox setting.
/// </summary>
public sealed record OAuthClient(string ClientId, string Secret, int? TokenLifetimeSeconds, string OrganizationId);
