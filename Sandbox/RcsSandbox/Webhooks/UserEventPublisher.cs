using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.RcsSandbox.Users;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>A user event on its way: what was built and the first delivery attempt (null when no webhook URL is set).</summary>
public sealed record PublishedEvent(string? WebhookUrl, WebhookPayload Payload, Task<WebhookAttempt>? FirstAttempt);

/// <summary>
/// Sends what a simulated user does (messages, receipts, typing) to the agent's webhook: the agent's own URL, else
/// <c>RcsSandbox:WebhookUrl</c>; the agent's format, else the run-time setting. Records it on the user.
/// </summary>
public sealed class UserEventPublisher(
    WebhookDispatcher dispatcher,
    UserDirectory users,
    SandboxSettings settings,
    SandboxCounters counters,
    IOptions<RcsSandboxOptions> options,
    TimeProvider time,
    ILogger<UserEventPublisher> logger)
{
    public string? WebhookUrl(Agent agent) =>
        !string.IsNullOrWhiteSpace(agent.WebhookUrl) ? agent.WebhookUrl
        : !string.IsNullOrWhiteSpace(options.Value.WebhookUrl) ? options.Value.WebhookUrl
        : null;

    public WebhookFormat Format(Agent agent) => agent.WebhookFormat ?? settings.WebhookFormat;

    /// <param name="kind">text, file, location, suggestionResponse, or the event type.</param>
    /// <param name="id">The message id or event id the event carries.</param>
    public PublishedEvent Publish(Agent agent, string msisdn, JsonObject userEvent, string kind, string id, bool isMessage)
    {
        var payload = WebhookPayload.Build(agent, userEvent, Format(agent), time.GetUtcNow());
        users.GetOrCreate(msisdn).AddSent(new SentUserMessage(agent.AgentId, id, kind, time.GetUtcNow(), payload.EventText), users.MaxMessagesPerUser);
        if (isMessage)
        {
            Interlocked.Increment(ref counters.UserMessagesSent);
        }
        else
        {
            Interlocked.Increment(ref counters.UserEventsSent);
        }
        return Post(agent, msisdn, payload);
    }

    /// <summary>A payload built elsewhere (raw webhooks), through the user's lane.</summary>
    public PublishedEvent Post(Agent agent, string msisdn, WebhookPayload payload)
    {
        var url = WebhookUrl(agent);
        if (url is null)
        {
            logger.LogDebug("Agent {AgentId} has no webhook URL; user event dropped", agent.AgentId);
            return new PublishedEvent(null, payload, null);
        }
        return new PublishedEvent(url, payload, dispatcher.Enqueue($"{agent.AgentId}|{msisdn}", url, payload));
    }
}
