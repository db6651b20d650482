using WhatsAppGenesys.SandboxKit.Webhooks;
using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox;

/// <summary>
/// Configuration of the RCS simulator (section <c>RcsSandbox</c>); defaults live here and in appsettings.json. The
/// default agent is the one the sandbox uses out of the box; more are registered at run time (PUT /sandbox/agents/{id}).
/// </summary>
/// <remarks>Public so tests can name this assembly in <c>WebApplicationFactory&lt;T&gt;</c>.</remarks>
public sealed class RcsSandboxOptions
{
    public const string SectionName = "RcsSandbox";

    public string AgentId { get; set; } = "whatsapp_genesys_sandbox_agent";
    public string ClientId { get; set; } = "sandbox-rcs-client";
    public string ClientSecret { get; set; } = "sandbox-rcs-secret";

    /// <summary>The webhook's "client token": the key of the X-Goog-Signature HMAC.</summary>
    public string WebhookSecret { get; set; } = "sandbox-rcs-client-token";

    /// <summary>Where user messages and events go for agents registered without a webhook URL of their own.</summary>
    public string? WebhookUrl { get; set; } = "http://127.0.0.1:3009/webhook/rcs";

    /// <summary>PubSub (RBM's push envelope, the default) or Plain (the bare user event as the body).</summary>
    public WebhookFormat WebhookFormat { get; set; } = WebhookFormat.PubSub;

    /// <summary>
    /// Appended to the agent id in webhook bodies: RBM's events name the agent "{id}@rbm.goog" while the API takes the
    /// bare id. Empty to send the bare id.
    /// </summary>
    public string EventAgentIdSuffix { get; set; } = "@rbm.goog";

    /// <summary>Absolute base of the file URLs handed out in userFile events; the request's own host when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public int AccessTokenLifetimeSeconds { get; set; } = 3600;
    public int RefreshTokenLifetimeSeconds { get; set; } = 86400;

    /// <summary>
    /// OAuth 2.0 Security BCP (RFC 9700 §4.14.2): presenting a refresh token that was already rotated away revokes every
    /// token descended from the same grant. False only answers invalid_grant.
    /// </summary>
    public bool RevokeFamilyOnRefreshReuse { get; set; } = true;

    /// <summary>Agent messages per second per agent (a fixed one-second window); 0 or less = no limit.</summary>
    public int MessagesPerSecond { get; set; } = 100;

    /// <summary>
    /// Numbers that start with one of these are not reachable over RCS (404 on send and capability check). Empty by
    /// default here because the configuration binder appends to a non-empty default; appsettings.json sets "+1555000".
    /// </summary>
    public string[] NotCapablePrefixes { get; set; } = [];

    public ReceiptOptions Receipts { get; set; } = new();
    /// <summary>
    /// Webhook retries. RBM retries a failed push with a growing back-off (up to 600 s between attempts) for 7 days; the
    /// defaults here are shorter so a test or a benchmark sees the outcome.
    /// </summary>
    public WebhookDeliveryOptions Webhooks { get; set; } = new();
    public FileStoreOptions Files { get; set; } = new();

    /// <summary>Agent messages kept per user; older ones are dropped so a long benchmark does not grow without bound.</summary>
    public int MaxMessagesPerUser { get; set; } = 500;
}

/// <summary>The simulated phone's receipts for an accepted agent message, counted from acceptance.</summary>
public sealed class ReceiptOptions
{
    public int DeliveredDelayMs { get; set; } = 100;
    public int ReadDelayMs { get; set; } = 200;

    /// <summary>The last event the phone reports: NONE, DELIVERED or READ.</summary>
    public string FinalEvent { get; set; } = "READ";
}

public sealed class FileStoreOptions
{
    /// <summary>Files users sent are kept in memory up to this many bytes; the oldest go first.</summary>
    public long MaxStoredBytes { get; set; } = 256L * 1024 * 1024;
}
