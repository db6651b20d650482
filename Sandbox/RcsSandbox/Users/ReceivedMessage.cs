using System.Text.Json.Nodes;

namespace WhatsAppGenesys.RcsSandbox.Users;

/// <summary>
/// An agent message a simulated user received, with the receipts their phone reported for it. The content is kept as
/// JSON text (a JsonNode is not safe to read from several threads) and parsed for each reader.
/// </summary>
public sealed class ReceivedMessage(string agentId, string messageId, string msisdn, DateTimeOffset sendTime, string contentMessageJson,
    string contentKind)
{
    private readonly List<(string EventType, string EventId, DateTimeOffset SendTime)> _events = [];

    public string AgentId { get; } = agentId;
    public string MessageId { get; } = messageId;
    public string Msisdn { get; } = msisdn;
    public DateTimeOffset SendTime { get; } = sendTime;
    public JsonNode ContentMessage => JsonNode.Parse(contentMessageJson)!;

    /// <summary>text, file, standaloneCard or carouselCard.</summary>
    public string ContentKind { get; } = contentKind;

    public string Name => $"phones/{Msisdn}/agentMessages/{MessageId}";

    public void RecordEvent(string eventType, string eventId, DateTimeOffset sendTime)
    {
        lock (_events)
        {
            _events.Add((eventType, eventId, sendTime));
        }
    }

    public IReadOnlyList<(string EventType, string EventId, DateTimeOffset SendTime)> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }
}
