namespace WhatsAppGenesys.Messaging.Holds;

public enum HoldDecision
{
    /// <summary>The key is not held, or this message is the head of its hold list: handle it now.</summary>
    Process,

    /// <summary>The key is held behind another message: send this one round the delay queue.</summary>
    Defer,
}

/// <summary>
/// The holds of one partition: for each ordering key with messages in the retry path, the ids of those messages in
/// the order they must be handled. A key is held while its list is non-empty. Thread-safe; the callers make sure one
/// key is only ever touched by one lane at a time.
/// </summary>
internal sealed class HoldBook
{
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    public int HeldKeys
    {
        get
        {
            lock (_holds)
            {
                return _holds.Count;
            }
        }
    }

    /// <summary>
    /// Decides whether a message of <paramref name="key"/> may be handled now. A message of a held key that is not the
    /// head is appended to the list (if not already in it) and deferred. A head not seen for longer than
    /// <paramref name="staleAfter"/> is dropped (reported through <paramref name="droppedHeads"/>).
    /// </summary>
    /// <param name="changed">True when the list changed and must be persisted.</param>
    public HoldDecision Decide(string key, string messageId, DateTimeOffset now, TimeSpan staleAfter, out bool changed, out List<string>? droppedHeads)
    {
        changed = false;
        droppedHeads = null;
        lock (_holds)
        {
            if (!_holds.TryGetValue(key, out var hold))
            {
                return HoldDecision.Process;
            }
            while (hold.Ids.Count > 0 && hold.Ids[0] != messageId && now - hold.HeadSince > staleAfter)
            {
                (droppedHeads ??= []).Add(hold.Ids[0]);
                hold.Ids.RemoveAt(0);
                hold.HeadSince = now;
                changed = true;
            }
            if (hold.Ids.Count == 0)
            {
                _holds.Remove(key);
                return HoldDecision.Process;
            }
            if (hold.Ids[0] == messageId)
            {
                return HoldDecision.Process;
            }
            if (!hold.Ids.Contains(messageId))
            {
                hold.Ids.Add(messageId);
                changed = true;
            }
            return HoldDecision.Defer;
        }
    }

    /// <summary>The message went to the delay queue: hold its key (it becomes or stays in the list). Returns true when the list changed.</summary>
    public bool Retried(string key, string messageId, DateTimeOffset now)
    {
        lock (_holds)
        {
            if (!_holds.TryGetValue(key, out var hold))
            {
                _holds.Add(key, new Hold([messageId], now));
                return true;
            }
            if (hold.Ids[0] == messageId)
            {
                hold.HeadSince = now;
                return false;
            }
            if (hold.Ids.Contains(messageId))
            {
                return false;
            }
            hold.Ids.Add(messageId);
            return true;
        }
    }

    /// <summary>The message is done (handled, dead-lettered or poisoned): it leaves the head of the list; the key is released when the list empties.</summary>
    public bool Completed(string key, string messageId, DateTimeOffset now)
    {
        lock (_holds)
        {
            if (!_holds.TryGetValue(key, out var hold) || hold.Ids[0] != messageId)
            {
                return false;
            }
            hold.Ids.RemoveAt(0);
            hold.HeadSince = now;
            if (hold.Ids.Count == 0)
            {
                _holds.Remove(key);
            }
            return true;
        }
    }

    /// <summary>The key's list to persist, or null when the key is not held (delete it).</summary>
    public string[]? Snapshot(string key)
    {
        lock (_holds)
        {
            return _holds.TryGetValue(key, out var hold) ? [.. hold.Ids] : null;
        }
    }

    public IReadOnlyList<string> Keys()
    {
        lock (_holds)
        {
            return [.. _holds.Keys];
        }
    }

    /// <summary>Replaces everything with persisted state (on start or take-over of the partition).</summary>
    public void Load(IEnumerable<KeyValuePair<string, string[]>> holds, DateTimeOffset now)
    {
        lock (_holds)
        {
            _holds.Clear();
            foreach (var (key, ids) in holds)
            {
                if (ids.Length > 0)
                {
                    _holds[key] = new Hold([.. ids], now);
                }
            }
        }
    }

    private sealed class Hold(List<string> ids, DateTimeOffset headSince)
    {
        public List<string> Ids { get; } = ids;

        /// <summary>When the current head became head or was last sent round the delay queue.</summary>
        public DateTimeOffset HeadSince { get; set; } = headSince;
    }
}
