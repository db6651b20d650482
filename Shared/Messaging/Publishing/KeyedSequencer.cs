namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>
/// Puts concurrent requests in line per key (a customer), so each key's messages are published in the order the
/// requests arrived, while requests of different keys never wait for each other. A request takes its places in every
/// key's line at once when it arrives (<see cref="Enter"/>), does its slow work unordered, waits for its turn just
/// before publishing, and gives the turn up as soon as it published or failed — or when it is disposed on any other
/// way out, so a request that was refused, failed or aborted never holds anyone up.
/// </summary>
/// <remarks>
/// An event time may be given per key: a request that arrives later but carries a strictly earlier time goes ahead
/// of the requests in the line that have not started publishing yet. Lines exist only while a key has requests in
/// flight, so memory follows the requests in flight, not the number of keys ever seen.
/// </remarks>
public sealed class KeyedSequencer(TimeSpan maxWait)
{
    private readonly Dictionary<string, LinkedList<Turn>> _lines = new(StringComparer.Ordinal);

    /// <summary>How long a request waits for the requests ahead of it before it publishes anyway.</summary>
    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>Keys that have a request in line.</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>
    /// Takes a place for each key, all under one lock so two requests over the same keys are in the same order in
    /// every line. A key given several times gets one place, with the earliest of its event times.
    /// </summary>
    public Tickets Enter(IEnumerable<(string Key, long? EventTime)> keys)
    {
        var wanted = keys.GroupBy(k => k.Key, StringComparer.Ordinal).Select(g => (g.Key, EventTime: g.Min(k => k.EventTime))).ToList();
        var tickets = new Tickets(this, wanted.Count);
        lock (_lines)
        {
            foreach (var (key, eventTime) in wanted)
            {
                if (!_lines.TryGetValue(key, out var line))
                {
                    _lines[key] = line = new LinkedList<Turn>();
                }
                var turn = new Turn(key, eventTime);
                var before = line.Last;
                while (before is not null && before.Value.GoesAfter(turn))
                {
                    before = before.Previous;
                }
                turn.Node = before is null ? line.AddFirst(turn) : line.AddAfter(before, turn);
                tickets.Add(turn);
            }
        }
        return tickets;
    }

    private bool TryStart(Turn turn, out Task waiting)
    {
        lock (_lines)
        {
            var node = turn.Node ?? throw new InvalidOperationException($"The turn for '{turn.Key}' was given up already.");
            if (node.Previous is null)
            {
                turn.Started = true;
                waiting = Task.CompletedTask;
                return true;
            }
            turn.Waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = turn.Waiter.Task;
            return false;
        }
    }

    private void GiveUpWaiting(Turn turn)
    {
        lock (_lines)
        {
            turn.Started = true;
        }
    }

    private void Release(Turn turn)
    {
        TaskCompletionSource? next = null;
        lock (_lines)
        {
            if (turn.Node is not { List: { } line } node)
            {
                return;
            }
            line.Remove(node);
            turn.Node = null;
            if (line.First is not { } head)
            {
                _lines.Remove(turn.Key);
            }
            else if (head.Value is { Started: false, Waiter: { } waiter } first)
            {
                first.Started = true;
                next = waiter;
            }
        }
        next?.TrySetResult();
    }

    internal sealed class Turn(string key, long? eventTime)
    {
        public string Key { get; } = key;

        public long? EventTime { get; } = eventTime;

        /// <summary>In its line until released; null afterwards.</summary>
        public LinkedListNode<Turn>? Node { get; set; }

        /// <summary>Publishing (or done waiting): nobody may be put ahead of it any more.</summary>
        public bool Started { get; set; }

        public TaskCompletionSource? Waiter { get; set; }

        /// <summary>Whether a newcomer may be put ahead of this turn: only by a strictly earlier time, and only before it started.</summary>
        public bool GoesAfter(Turn newcomer) =>
            !Started && EventTime is { } mine && newcomer.EventTime is { } theirs && theirs < mine;
    }

    /// <summary>One request's places in line, one per key. Dispose gives up every place not released yet.</summary>
    public sealed class Tickets : IDisposable
    {
        private readonly KeyedSequencer _sequencer;
        private readonly Dictionary<string, Turn> _turns;

        internal Tickets(KeyedSequencer sequencer, int capacity)
        {
            _sequencer = sequencer;
            _turns = new Dictionary<string, Turn>(capacity, StringComparer.Ordinal);
        }

        /// <summary>
        /// Completes when every request ahead in <paramref name="key"/>'s line has published or given up; returns
        /// false when it stopped waiting after <see cref="MaxWait"/> (the one ahead is stuck: this request goes on
        /// rather than wait for it indefinitely).
        /// </summary>
        public async Task<bool> WaitTurnAsync(string key, CancellationToken cancellationToken)
        {
            var turn = _turns[key];
            if (_sequencer.TryStart(turn, out var waiting))
            {
                return true;
            }
            try
            {
                await waiting.WaitAsync(_sequencer.MaxWait, cancellationToken);
                return true;
            }
            catch (TimeoutException)
            {
                _sequencer.GiveUpWaiting(turn);
                return false;
            }
        }

        /// <summary>Done with <paramref name="key"/> (published or failed): the next request in its line may publish.</summary>
        public void Release(string key) => _sequencer.Release(_turns[key]);

        public void Dispose()
        {
            foreach (var turn in _turns.Values)
            {
                _sequencer.Release(turn);
            }
        }

        internal void Add(Turn turn) => _turns.Add(turn.Key, turn);
    }
}
