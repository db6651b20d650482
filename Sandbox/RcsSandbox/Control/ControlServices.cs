using WhatsAppGenesys.SandboxKit.Faults;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Files;
using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Rbm;
using WhatsAppGenesys.RcsSandbox.Users;
using WhatsAppGenesys.RcsSandbox.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>Parameter object for the sandbox control handlers.</summary>
public sealed record ControlServices(
    AgentRegistry Agents,
    TokenStore Tokens,
    UserDirectory Users,
    UserEventPublisher Publisher,
    ReceiptPublisher Receipts,
    UserMessageFactory Messages,
    UserEventFactory Events,
    FileStore Files,
    ForbiddenSends Forbidden,
    MessageLedger Ledger,
    SendRateLimiter RateLimiter,
    FaultStore<FaultRequest> Faults,
    SandboxSettings Settings,
    SandboxCounters Counters,
    WebhookDispatcher Dispatcher,
    WebhookSender Sender,
    IOptions<RcsSandboxOptions> Options,
    TimeProvider Time)
{
    /// <summary>The agent a control request names, or the default agent.</summary>
    public Agent? AgentOrDefault(string? agentId) => agentId is null ? Agents.Default : Agents.Find(agentId);

    /// <summary>Absolute base of URLs handed out (file URIs): configured, else the control request's own host.</summary>
    public string PublicBaseUrl(HttpRequest request) =>
        Options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
}
