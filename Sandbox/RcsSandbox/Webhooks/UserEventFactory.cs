using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// The user events RBM sends an agent, in its field order: a UserMessage
/// <c>{senderPhoneNumber, messageId, sendTime, agentId, text|userFile|location|suggestionResponse}</c> and a UserEvent
/// <c>{senderPhoneNumber, eventType, eventId, messageId?, sendTime, agentId}</c>.
/// </summary>
public sealed class UserEventFactory(IOptions<RcsSandboxOptions> options)
{
    private readonly string _suffix = options.Value.EventAgentIdSuffix ?? "";

    /// <summary>RBM names the agent "{id}@rbm.goog" in what it sends, though the API takes the bare id.</summary>
    public string EventAgentId(string agentId) =>
        _suffix.Length == 0 || agentId.Contains('@', StringComparison.Ordinal) ? agentId : agentId + _suffix;

    /// <summary>A UserMessage without its content; the caller adds exactly one content field.</summary>
    public JsonObject Message(string msisdn, string agentId, string messageId, DateTimeOffset sendTime) => new()
    {
        ["senderPhoneNumber"] = msisdn,
        ["messageId"] = messageId,
        ["sendTime"] = Rfc3339.Format(sendTime),
        ["agentId"] = EventAgentId(agentId),
    };

    public JsonObject Event(string msisdn, string agentId, string eventType, string eventId, string? messageId, DateTimeOffset sendTime)
    {
        var userEvent = new JsonObject
        {
            ["senderPhoneNumber"] = msisdn,
            ["eventType"] = eventType,
            ["eventId"] = eventId,
        };
        if (messageId is not null)
        {
            userEvent["messageId"] = messageId;
        }
        userEvent["sendTime"] = Rfc3339.Format(sendTime);
        userEvent["agentId"] = EventAgentId(agentId);
        return userEvent;
    }
}
