namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// Every inbound Open Messaging message the simulator took, in arrival order across all conversations, so the
/// benchmark can follow thousands of messages a second with one cheap cursor read instead of polling each
/// customer's conversation view. Bounded: past <see cref="Capacity"/> entries the oldest half is dropped (the cursor,
/// a global sequence, stays valid; a reader that fell that far behind sees the gap in <see cref="FeedPage.Dropped"/>).
/// </summary>
public sealed class InboundFeed
{
    public const int Capacity = 2_000_000;

    private readonly Lock _gate = new();
    private readonly List<FeedEntry> _entries = [];
    private long _firstSequence = 1;
    private long _dropped;

    public void Record(Conversation conversation, string customerId, ConversationMessage message)
    {
        lock (_gate)
        {
            if (_entries.Count >= Capacity)
            {
                var drop = Capacity / 2;
                _entries.RemoveRange(0, drop);
                _firstSequence += drop;
                _dropped += drop;
            }
            _entries.Add(new FeedEntry(_firstSequence + _entries.Count, conversation.Id, conversation.IntegrationId, customerId,
                message.ChannelMessageId, message.Id, message.ReceivedAt, message.DuplicateOf is not null, message.Rejection is not null));
        }
    }

    /// <summary>Entries with a sequence greater than <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public FeedPage Read(long after, int limit)
    {
        lock (_gate)
        {
            var start = (int)Math.Clamp(after + 1 - _firstSequence, 0, _entries.Count);
            var count = Math.Min(Math.Max(limit, 0), _entries.Count - start);
            var items = _entries.GetRange(start, count);
            var next = count > 0 ? items[^1].Sequence : Math.Max(after, _firstSequence - 1);
            return new FeedPage(next, _firstSequence - 1 + _entries.Count, _dropped, items);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _firstSequence += _entries.Count;
            _entries.Clear();
        }
    }
}

/// <summary>One inbound message: <c>channelMessageId</c> is what the middleware sent (the wamid), <c>id</c> the Genesys id.</summary>
public sealed record FeedEntry(
    long Sequence,
    Guid ConversationId,
    string IntegrationId,
    string CustomerId,
    string? ChannelMessageId,
    string? Id,
    DateTimeOffset ReceivedAt,
    bool IsDuplicate,
    bool Rejected);

/// <summary><c>next</c> is the cursor for the following read; <c>latest</c> the newest sequence recorded so far.</summary>
public sealed record FeedPage(long Next, long Latest, long Dropped, IReadOnlyList<FeedEntry> Items);
