using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Background webhook delivery. Every webhook belongs to a lane (one per business number and customer): a lane posts
// one webhook at a time and only moves on once it got a 2xx (or gave up), so a customer's later message never
// overtakes an earlier one, as on a real phone. Lanes run in parallel, bounded by MaxConcurrency posts in flight.
// A lane waiting out its back-off holds no concurrency slot, so one failing customer does not stall the others.
public sealed class WebhookDispatcher(
    WebhookSender sender,
    IOptions<MetaSandboxOptions> options,
    SandboxCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly WebhookDeliveryOptions _options = options.Value.Webhooks;
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Webhooks.MaxConcurrency));

    public void Enqueue(string laneKey, Business business, byte[] body)
    {
        if (business.WebhookUrl is null)
        {
            logger.LogDebug("Business {WabaId} has no webhook URL; webhook dropped", business.WabaId);
            return;
        }
        var delivery = new Delivery(business.WebhookUrl, body,
            WebhookSignature.Sha256(body, business.AppSecret), WebhookSignature.Sha1(body, business.AppSecret));
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
            return;
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
            if (await TryPostAsync(delivery, stopping))
            {
                Interlocked.Increment(ref counters.WebhooksPosted);
                Interlocked.Decrement(ref counters.WebhooksPending);
                return;
            }

            var delay = BackoffDelay(attempt);
            var outOfAttempts = _options.MaxAttempts > 0 && attempt >= _options.MaxAttempts;
            if (outOfAttempts || Stopwatch.GetElapsedTime(started) + delay > maxDuration)
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
        Interlocked.Increment(ref counters.WebhooksAbandoned);
        Interlocked.Decrement(ref counters.WebhooksPending);
        logger.LogWarning("Webhook to {Url} abandoned after retries", delivery.Url);
    }

    private async Task<bool> TryPostAsync(Delivery delivery, CancellationToken stopping)
    {
        try
        {
            await _slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        Interlocked.Increment(ref counters.WebhooksInFlight);
        Interlocked.Increment(ref counters.WebhookAttempts);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            var response = await sender.PostAsync(delivery.Url, delivery.Body, delivery.Signature256,
                delivery.Signature1, readBody: false, timeout.Token);
            return response.IsSuccess;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug("Webhook post to {Url} failed: {Error}", delivery.Url, ex.Message);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref counters.WebhooksInFlight);
            _slots.Release();
        }
    }

    // Exponential: initial, 2×, 4×, … capped at MaxRetryDelayMs.
    private TimeSpan BackoffDelay(int attempt)
    {
        var initial = Math.Max(1, _options.InitialRetryDelayMs);
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(initial * factor, Math.Max(initial, _options.MaxRetryDelayMs)));
    }

    private sealed record Delivery(string Url, byte[] Body, string Signature256, string Signature1);

    private sealed class Lane(string key)
    {
        public string Key { get; } = key;
        public Queue<Delivery> Queue { get; } = new();
        public bool Running { get; set; }
        public bool Closed { get; set; }
    }
}
