namespace WhatsAppGenesys.GenesysSandbox.Control;

/// <summary>
/// POST /sandbox/integrations: registers (or replaces) an integration and its OAuth client. Without
/// <paramref name="OrganizationId"/> the client keeps the organization it has, or a new client gets the one derived
/// from its id; <paramref name="OrganizationName"/> names (or renames) the organization.
/// </summary>
public sealed record RegisterIntegrationRequest(
    string? IntegrationId,
    string? WebhookUrl,
    string? WebhookSecret,
    string? ClientId,
    string? ClientSecret,
    string? Name,
    IReadOnlyDictionary<string, string>? WebhookHeaders,
    int? TokenLifetimeSeconds,
    string? OrganizationId,
    string? OrganizationName);

/// <summary>An integration without its secrets.</summary>
public sealed record IntegrationView(
    string IntegrationId,
    string Name,
    string? WebhookUrl,
    bool HasWebhookSecret,
    string ClientId,
    IReadOnlyCollection<string> WebhookHeaderNames,
    string? OrganizationId);

public sealed record RateLimitRequest(int RequestsPerMinute);

public sealed record ExpireTokensRequest(string? ClientId);

/// <summary>
/// POST /sandbox/webhooks/raw: posts <paramref name="Body"/> byte for byte (UTF-8) to the integration's webhook,
/// signed with its secret unless <paramref name="Signature"/> is given ("" = no signature header). One attempt.
/// </summary>
public sealed record RawWebhookRequest(string? Body, string? IntegrationId, string? Signature);

public sealed record RawWebhookResult(int? Status, string? Error, bool TimedOut, string? Signature, string? ResponseBody, double DurationMs);

public sealed record SandboxInfo(
    string RegionDomain,
    string LoginBaseUrl,
    string ApiBaseUrl,
    string DownloadsBaseUrl,
    string SimulatorBaseUrl,
    string IntegrationId,
    string IntegrationName,
    string ClientId,
    string? ClientSecret,
    string? WebhookUrl,
    string? WebhookSecret,
    string SignatureHeader,
    string SignatureScheme,
    int IntegrationCount,
    SettingsView Settings);
