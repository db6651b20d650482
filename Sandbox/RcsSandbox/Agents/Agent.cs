using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Agents;

/// <summary>
/// A brand agent and the aggregator OAuth client that acts for it. Null limits and lifetimes fall back to the run-time
/// settings, so a test can make one agent's tokens short-lived without touching the others.
/// </summary>
public sealed record Agent(
    string AgentId,
    string ClientId,
    string ClientSecret,
    string WebhookSecret,
    string? WebhookUrl,
    WebhookFormat? WebhookFormat,
    int? MessagesPerSecond,
    int? AccessTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds);
