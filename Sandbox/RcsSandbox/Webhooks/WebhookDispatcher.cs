using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Control;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// Background webhook delivery with retries. Every webhook belongs to a lane (one per agent and user); a lane posts one
/// webhook at a time and moves on only after an acknowledgement (or giving up), so a user's DELIVERED never overtakes
/// their earlier message. Real Pub/Sub push promises no order; the simulator keeps it so tests are deterministic.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookSender sender,
    IOptions<RcsSandboxOptions> options,
    SandboxCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly WebhookDeliveryOptions _options = options.Value.Webhooks;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds));

    /// <summary>Queues the webhook; the task completes with its FIRST attempt (retries go on in the background).</summary>
    public Task<WebhookAttempt> Enqueue(string laneKey, string url, WebhookPayload payload)
    {
        var delivery = new Delivery(url, payload, new TaskCompletionSource<WebhookAttempt>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref counters.WebhooksEnqueued);
        Interlocked.Increment(ref counters.WebhooksPending);
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
            return delivery.FirstAttempt.Task;
        }
    }

    private async Task RunLaneAsync(Lane lane)
    {
        var stopping = lifetime.ApplicationStopping;
        while (true)
        {
            Delivery next;
            lock (lane)
            {
                if (!lane.Queue.TryPeek(out next!) || stopping.IsCancellationRequested)
                {
                    lane.Closed = true;
                    _lanes.TryRemove(KeyValuePair.Create(lane.Key, lane));
                    return;
                }
            }
            await DeliverAsync(next, stopping);
            lock (lane)
            {
                lane.Queue.Dequeue();
            }
        }
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        var maxDuration = TimeSpan.FromSeconds(_options.MaxRetryDurationSeconds);
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            Interlocked.Increment(ref counters.WebhookAttempts);
            WebhookAttempt result;
            try
            {
                result = await sender.PostAsync(delivery.Url, delivery.Payload.Body, delivery.Payload.Signature, AttemptTimeout, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            delivery.FirstAttempt.TrySetResult(result);
            if (result.Acknowledged)
            {
                Interlocked.Increment(ref counters.WebhooksPosted);
                Interlocked.Decrement(ref counters.WebhooksPending);
                return;
            }
            logger.LogDebug("Webhook to {Url} not acknowledged ({Status} {Error})", delivery.Url, result.Status, result.Error);

            var delay = BackoffDelay(attempt);
            if (Stopwatch.GetElapsedTime(started) + delay > maxDuration)
            {
                break;
            }
            Interlocked.Increment(ref counters.WebhooksRetried);
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        delivery.FirstAttempt.TrySetResult(new WebhookAttempt(null, "the simulator is stopping", null));
        Interlocked.Increment(ref counters.WebhooksAbandoned);
        Interlocked.Decrement(ref counters.WebhooksPending);
        logger.LogWarning("Webhook to {Url} abandoned after retries", delivery.Url);
    }

    // Exponential: initial, 2×, 4×, … capped at MaxRetryDelayMs (RBM caps its back-off at 600 s).
    private TimeSpan BackoffDelay(int attempt)
    {
        var initial = Math.Max(1, _options.InitialRetryDelayMs);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(initial * factor, Math.Max(initial, _options.MaxRetryDelayMs)));
    }

    private sealed record Delivery(string Url, WebhookPayload Payload, TaskCompletionSource<WebhookAttempt> FirstAttempt);

    private sealed class Lane(string key)
    {
        public string Key { get; } = key;
        public Queue<Delivery> Queue { get; } = new();
        public bool Running { get; set; }
        public bool Closed { get; set; }
    }
}
