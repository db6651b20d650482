namespace WhatsAppGenesys.GenesysSandbox;

/// <summary>
/// Configuration of the Genesys Cloud simulator (section <c>GenesysSandbox</c>). The defaults are the public sandbox
/// demo-tenant values the AppHost seeds, so the simulator works with no configuration at all.
/// </summary>
/// <remarks>Public so tests can name this assembly in <c>WebApplicationFactory&lt;T&gt;</c> without touching <c>Program</c>.</remarks>
public sealed class GenesysSandboxOptions
{
    public const string SectionName = "GenesysSandbox";

    // The one simulator host stands in for login.{domain}, api.{domain} and api-downloads.{domain} of every region.
    public string RegionDomain { get; set; } = "mypurecloud.com";

    public string IntegrationId { get; set; } = "8a5e2f4c-2b1d-4c8e-9f6a-3d7b1e0c5a92";
    public string IntegrationName { get; set; } = "WhatsApp Sandbox";
    public string ClientId { get; set; } = "sandbox-genesys-client";
    public string ClientSecret { get; set; } = "sandbox-genesys-secret";
    public string WebhookSecret { get; set; } = "sandbox-genesys-webhook-secret";
    public string WebhookUrl { get; set; } = "http://127.0.0.1:3011/webhook/genesys";

    /// <summary>Absolute base URL put in agent attachment download URLs; null = the base URL of the request that sent it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Lifetime of issued access tokens (Genesys's common default is 86400 s).</summary>
    public int TokenLifetimeSeconds { get; set; } = 86400;

    /// <summary>Requests per minute per access token (Genesys's client-credentials default); 0 or less disables the limit.</summary>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Per-attempt webhook timeout (Genesys: 10 s).</summary>
    public int WebhookTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>Delay between webhook attempts (Genesys: 5 s).</summary>
    public int WebhookRetryDelayMilliseconds { get; set; } = 5_000;

    /// <summary>Retries after the first attempt (Genesys: up to 5).</summary>
    public int WebhookMaxRetries { get; set; } = 5;

    /// <summary>Timeout of the synchronous fetch of an inbound attachment URL.</summary>
    public int AttachmentFetchTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>Largest attachment the simulator downloads; a larger one is a visible fetch failure.</summary>
    public long MaxAttachmentBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Lifetime of agent attachment download URLs; 0 = they never expire.</summary>
    public int DownloadUrlLifetimeSeconds { get; set; }

    /// <summary>Whether /api/v2/downloads/{id} wants a bearer token (real api-downloads URLs are pre-signed: no).</summary>
    public bool DownloadsRequireToken { get; set; }

    /// <summary>Older messages of a conversation are dropped beyond this, so a long benchmark cannot exhaust memory.</summary>
    public int MaxMessagesPerConversation { get; set; } = 10_000;

    /// <summary>
    /// Public OAuth clients that sign users of any organization in with the authorization-code grant and PKCE
    /// (<c>LoginClients:{i}:ClientId</c>, <c>LoginClients:{i}:RedirectUris:{j}</c>). More can be added at run time.
    /// </summary>
    public List<LoginClientOptions> LoginClients { get; set; } = [];

    /// <summary>
    /// Users of the configured client's organization from the start (<c>Users:{i}:Id</c>, <c>Name</c>, <c>Email</c>,
    /// <c>Roles:{j}</c>), so that someone trying the system can sign in to the demo tenant's workspace at once.
    /// </summary>
    public List<SeededUserOptions> Users { get; set; } = [];
}

/// <summary>One user the simulator starts with, active, in the configured client's organization.</summary>
public sealed class SeededUserOptions
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public List<string> Roles { get; set; } = [];
}

/// <summary>One configured login client: its id and the redirect URIs it may use, matched exactly.</summary>
public sealed class LoginClientOptions
{
    public string ClientId { get; set; } = string.Empty;

    public List<string> RedirectUris { get; set; } = [];
}
