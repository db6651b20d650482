using System.Collections.Concurrent;
using System.Diagnostics;

namespace WhatsAppGenesys.SandboxKit.Webhooks;

/// <summary>
/// Background webhook delivery in lanes. Every webhook belongs to a lane (one per sender and customer): a lane posts one
/// webhook at a time and moves on only once it was acknowledged (or given up), so a customer's later event never
/// overtakes an earlier one. Lanes run in parallel, bounded by <see cref="WebhookDeliveryOptions.MaxConcurrency"/>
/// posts in flight; a lane waiting out its back-off holds no slot, so one failing receiver does not stall the others.
/// A simulator says how one attempt is made and hears how each delivery ends.
/// </summary>
public abstract class WebhookLanes<TDelivery>(WebhookDeliveryOptions options, CancellationToken stopping, ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrency));

    protected WebhookDeliveryOptions Options => options;

    /// <summary>One POST; true when the receiver acknowledged it. Exceptions count as not acknowledged.</summary>
    protected abstract Task<bool> AttemptAsync(TDelivery delivery, int attempt, CancellationToken cancellationToken);

    protected virtual void OnRetrying(TDelivery delivery) { }

    protected virtual void OnDelivered(TDelivery delivery) { }

    /// <summary>Out of attempts or time, or the simulator is stopping.</summary>
    protected virtual void OnAbandoned(TDelivery delivery) { }

    protected void EnqueueInLane(string laneKey, TDelivery delivery)
    {
        while (true)
        {
            var lane = _lanes.GetOrAdd(laneKey, static key => new Lane(key));
            bool start;
            lock (lane)
            {
                // A lane that just drained removes itself; enqueue on a fresh one instead.
                if (lane.Closed)
                {
                    continue;
                }
                lane.Queue.Enqueue(delivery);
                start = !lane.Running;
                lane.Running = true;
            }
            if (start)
            {
                _ = Task.Run(() => RunLaneAsync(lane));
            }
            return;
        }
    }

    private async Task RunLaneAsync(Lane lane)
    {
        while (true)
        {
            TDelivery next;
            lock (lane)
            {
                if (!lane.Queue.TryPeek(out next!) || stopping.IsCancellationRequested)
                {
                    lane.Closed = true;
                    _lanes.TryRemove(KeyValuePair.Create(lane.Key, lane));
                    foreach (var left in lane.Queue)
                    {
                        OnAbandoned(left);
                    }
                    return;
                }
            }
            await DeliverAsync(next);
            lock (lane)
            {
                lane.Queue.Dequeue();
            }
        }
    }

    private async Task DeliverAsync(TDelivery delivery)
    {
        var started = Stopwatch.GetTimestamp();
        var maxDuration = TimeSpan.FromSeconds(options.MaxRetryDurationSeconds);
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            if (await TryAttemptAsync(delivery, attempt))
            {
                OnDelivered(delivery);
                return;
            }
            var delay = options.BackoffDelay(attempt);
            var outOfAttempts = options.MaxAttempts > 0 && attempt >= options.MaxAttempts;
            if (outOfAttempts || Stopwatch.GetElapsedTime(started) + delay > maxDuration)
            {
                break;
            }
            OnRetrying(delivery);
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        OnAbandoned(delivery);
    }

    private async Task<bool> TryAttemptAsync(TDelivery delivery, int attempt)
    {
        try
        {
            await _slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        try
        {
            return await AttemptAsync(delivery, attempt, stopping);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("Webhook post failed: {Error}", ex.Message);
            return false;
        }
        finally
        {
            _slots.Release();
        }
    }

    private sealed class Lane(string key)
    {
        public string Key { get; } = key;
        public Queue<TDelivery> Queue { get; } = new();
        public bool Running { get; set; }
        public bool Closed { get; set; }
    }
}
