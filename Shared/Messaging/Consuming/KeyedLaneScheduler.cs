namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// Runs work items of the same key strictly one after another, in arrival order, and items of different keys
/// concurrently. Each busy key has a lane (a FIFO queue) with at most one runner on the thread pool; the lane
/// disappears when it empties. The number of items in flight is bounded by the caller (the consumer's prefetch).
/// </summary>
internal sealed class KeyedLaneScheduler<T>
{
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Stack<Lane> _pool = new();
    private readonly Func<T, ValueTask> _work;
    private readonly Action<Exception> _onError;
    private int _pending;
    private TaskCompletionSource? _idle;

    /// <param name="work">Processes one item; exceptions are reported to <paramref name="onError"/> and do not stop the lane.</param>
    public KeyedLaneScheduler(Func<T, ValueTask> work, Action<Exception> onError)
    {
        _work = work;
        _onError = onError;
    }

    /// <summary>Items accepted and not yet finished.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Keys with at least one item queued or running.</summary>
    public int ActiveLanes
    {
        get
        {
            lock (_lanes)
            {
                return _lanes.Count;
            }
        }
    }

    public void Enqueue(string key, T item)
    {
        Lane lane;
        lock (_lanes)
        {
            _pending++;
            if (_lanes.TryGetValue(key, out var busy))
            {
                busy.Queue.Enqueue(item);
                return;
            }
            lane = _pool.Count > 0 ? _pool.Pop() : new Lane(this);
            lane.Key = key;
            lane.Current = item;
            _lanes.Add(key, lane);
        }
        ThreadPool.UnsafeQueueUserWorkItem(lane, preferLocal: false);
    }

    /// <summary>Completes when nothing is pending, or returns false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_lanes)
        {
            if (_pending == 0)
            {
                return true;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }
        try
        {
            await idle.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync(Lane lane)
    {
        var item = lane.Current!;
        while (true)
        {
            try
            {
                await _work(item);
            }
            catch (Exception ex)
            {
                _onError(ex);
            }
            lock (_lanes)
            {
                if (--_pending == 0 && _idle is { } idle)
                {
                    _idle = null;
                    idle.TrySetResult();
                }
                if (lane.Queue.Count == 0)
                {
                    _lanes.Remove(lane.Key);
                    lane.Current = default;
                    lane.Key = "";
                    _pool.Push(lane);
                    return;
                }
                item = lane.Queue.Dequeue();
            }
        }
    }

    private sealed class Lane(KeyedLaneScheduler<T> owner) : IThreadPoolWorkItem
    {
        public readonly Queue<T> Queue = new();
        public string Key = "";
        public T? Current;

        public void Execute() => _ = owner.RunAsync(this);
    }
}
