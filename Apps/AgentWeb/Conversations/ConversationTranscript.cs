using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>
/// The messages of the conversation a page shows, kept by sequence so a push and a load never show one twice, and the
/// gap a push reveals. Pushes are at most once: each names the conversation's message before it
/// (<see cref="AgentMessage.PreviousSequence"/>), and when that one is newer than the last the page holds before the
/// push, a push was missed and the page loads what came after the last one it holds.
/// </summary>
public sealed class ConversationTranscript
{
    private readonly SortedDictionary<long, AgentMessage> _messages = [];

    public IEnumerable<AgentMessage> Messages => _messages.Values;

    public int Count => _messages.Count;

    /// <summary>The newest sequence held (0 when none): a load asks for what came after it.</summary>
    public long LastSequence => _messages.Count == 0 ? 0 : _messages.Keys.Last();

    public void Clear() => _messages.Clear();

    /// <summary>A page of messages from the conversations API.</summary>
    public void AddLoaded(IEnumerable<AgentMessage> messages)
    {
        foreach (var message in messages)
        {
            _messages[message.Sequence] = message;
        }
    }

    /// <summary>Adds a pushed message; returns the sequence to load after when a message before it was missed, else null.</summary>
    public long? AddPushed(AgentMessage message)
    {
        var heldBefore = _messages.Keys.LastOrDefault(sequence => sequence < message.Sequence);
        _messages[message.Sequence] = message;
        return message.PreviousSequence is { } previous && previous > heldBefore ? heldBefore : null;
    }

    /// <summary>Moves an outbound message's ticks forward (never back: a late "delivered" after "read" changes nothing).</summary>
    public bool ApplyStatus(AgentMessageStatus status)
    {
        var moved = false;
        foreach (var (sequence, message) in _messages.Where(m => m.Value.MessageId == status.MessageId).ToList())
        {
            if (DeliveryTicks.Rank(status.Status) >= DeliveryTicks.Rank(message.Status))
            {
                _messages[sequence] = message with { Status = status.Status, FailureReason = status.FailureReason };
                moved = true;
            }
        }
        return moved;
    }
}
