using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>PUT /sandbox/agents/{agentId}: registers or replaces an agent and its OAuth client.</summary>
public sealed record AgentRequest(
    string? ClientId,
    string? ClientSecret,
    string? WebhookSecret,
    string? WebhookUrl,
    WebhookFormat? WebhookFormat,
    int? MessagesPerSecond,
    int? AccessTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds);

/// <summary>PATCH /sandbox/agents/{agentId}: changes only what is given (the client id stays).</summary>
public sealed record AgentPatch(
    string? ClientSecret,
    string? WebhookSecret,
    string? WebhookUrl,
    WebhookFormat? WebhookFormat,
    int? MessagesPerSecond,
    int? AccessTokenLifetimeSeconds,
    int? RefreshTokenLifetimeSeconds);

/// <summary>POST /sandbox/agents/{agentId}/forbidden-sends: the next <paramref name="Count"/> sends answer 403.</summary>
public sealed record ForbiddenSendsRequest(int Count);

/// <summary>PUT /sandbox/users/{msisdn}/capability.</summary>
public sealed record CapabilityRequest(bool Capable);
