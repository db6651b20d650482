using Microsoft.Extensions.Logging;

namespace WhatsAppGenesys.Messaging.Holds;

/// <summary>
/// The holds of one partition and their copy in the hold store: the <see cref="HoldBook"/> decides, every change is
/// written through before the delivery that caused it is acknowledged, a write the store refused is kept dirty and
/// written again later, and a consumer that starts or takes over the partition reads the persisted holds first.
/// </summary>
internal sealed partial class PartitionHolds(string pipeline, int partition, IHoldStore store, PipelineOptions options,
    TimeProvider time, ILogger logger)
{
    private readonly HoldBook _book = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _persistGate = new(1, 1);
    private readonly string _queue = Topology.PipelineNames.Partition(pipeline, partition);

    public int HeldKeys => _book.HeldKeys;

    /// <summary>Whether the message may be handled now (see <see cref="HoldBook.Decide"/>); a changed list is persisted first.</summary>
    public async Task<HoldDecision> DecideAsync(string key, string messageId)
    {
        var decision = _book.Decide(key, messageId, time.GetUtcNow(), options.HoldTimeout, out var changed, out var droppedHeads);
        if (droppedHeads is not null)
        {
            LogStaleHold(logger, _queue, droppedHeads.Count, options.HoldTimeout.TotalSeconds);
        }
        if (changed)
        {
            await PersistAsync(key);
        }
        return decision;
    }

    /// <summary>The message went to the delay queue: its key is held (or stays held) behind it.</summary>
    public async Task RetriedAsync(string key, string messageId)
    {
        if (_book.Retried(key, messageId, time.GetUtcNow()))
        {
            await PersistAsync(key);
        }
    }

    /// <summary>The message is done: it leaves the head of its key's list.</summary>
    public async Task CompletedAsync(string key, string messageId)
    {
        if (_book.Completed(key, messageId, time.GetUtcNow()))
        {
            await PersistAsync(key);
        }
    }

    /// <summary>
    /// Replaces the holds in memory with the persisted ones. While the store does not answer (Redis timing out under
    /// load, say) it reads again every second, for up to <see cref="PipelineOptions.HoldLoadPatience"/>: going on
    /// without them would let a customer's newer message overtake one waiting in the delay queue. Gives up early when
    /// <paramref name="abandoned"/> fires (the subscription died; the next one loads again).
    /// </summary>
    public async Task LoadAsync(CancellationToken abandoned)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            if (await store.LoadAsync(pipeline, partition) is { } persisted)
            {
                _book.Load(persisted, time.GetUtcNow());
                lock (_dirty)
                {
                    _dirty.Clear();
                }
                if (persisted.Count > 0)
                {
                    LogHoldsLoaded(logger, _queue, persisted.Count);
                }
                return;
            }
            if (time.GetElapsedTime(started) >= options.HoldLoadPatience || abandoned.IsCancellationRequested)
            {
                LogHoldsUnread(logger, _queue, time.GetElapsedTime(started).TotalSeconds);
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, abandoned);
            }
            catch (OperationCanceledException)
            {
                // Checked at the top of the next round, after one more read.
            }
        }
    }

    /// <summary>Writes the key's hold list to the store (together with any list a failed write left behind).</summary>
    public async Task PersistAsync(string key)
    {
        lock (_dirty)
        {
            _dirty.Add(key);
        }
        await FlushDirtyAsync();
    }

    /// <summary>Writes the lists a refused write left dirty; called every second and before a stop or a reload.</summary>
    public async Task FlushDirtyAsync()
    {
        lock (_dirty)
        {
            if (_dirty.Count == 0)
            {
                return;
            }
        }
        // One writer at a time per partition: a snapshot is taken and written under the gate, so an older snapshot
        // can never overwrite a newer one.
        await _persistGate.WaitAsync();
        try
        {
            while (true)
            {
                string key;
                lock (_dirty)
                {
                    if (_dirty.Count == 0)
                    {
                        return;
                    }
                    key = _dirty.First();
                    _dirty.Remove(key);
                }
                if (!await store.SaveAsync(pipeline, partition, key, _book.Snapshot(key)))
                {
                    lock (_dirty)
                    {
                        _dirty.Add(key);
                    }
                    return;
                }
            }
        }
        finally
        {
            _persistGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: {Count} held keys loaded from the hold store")]
    private static partial void LogHoldsLoaded(ILogger logger, string queue, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Queue}: the hold store did not answer for {Seconds} s; going on without the holds persisted before this consumer took over, so a customer's retried message may be overtaken")]
    private static partial void LogHoldsUnread(ILogger logger, string queue, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: dropped {Count} stale hold head(s) not seen for {Seconds} s")]
    private static partial void LogStaleHold(ILogger logger, string queue, int count, double seconds);
}
