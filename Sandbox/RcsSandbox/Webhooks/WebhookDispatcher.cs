using Microsoft.Extensions.Options;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.SandboxKit.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>
/// RBM's webhooks, in one lane per agent and user: a user's DELIVERED never overtakes their earlier message. Real
/// Pub/Sub push promises no order; the simulator keeps it so tests are deterministic. Pub/Sub's acknowledgements
/// (102, 2xx) end a delivery; anything else is retried with back-off.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookSender sender,
    IOptions<RcsSandboxOptions> options,
    SandboxCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
    : WebhookLanes<WebhookDispatcher.Delivery>(options.Value.Webhooks, lifetime.ApplicationStopping, logger)
{
    public TimeSpan AttemptTimeout => Options.AttemptTimeout;

    /// <summary>Queues the webhook; the task completes with its FIRST attempt (retries go on in the background).</summary>
    public Task<WebhookAttempt> Enqueue(string laneKey, string url, WebhookPayload payload)
    {
        var delivery = new Delivery(url, payload, new TaskCompletionSource<WebhookAttempt>(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Increment(ref counters.WebhooksEnqueued);
        Interlocked.Increment(ref counters.WebhooksPending);
        EnqueueInLane(laneKey, delivery);
        return delivery.FirstAttempt.Task;
    }

    protected override async Task<bool> AttemptAsync(Delivery delivery, int attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref counters.WebhookAttempts);
        var result = await sender.PostAsync(delivery.Url, delivery.Payload.Body, delivery.Payload.Signature, AttemptTimeout, cancellationToken);
        delivery.FirstAttempt.TrySetResult(result);
        if (!result.Acknowledged)
        {
            logger.LogDebug("Webhook to {Url} not acknowledged ({Status} {Error})", delivery.Url, result.Status, result.Error);
        }
        return result.Acknowledged;
    }

    protected override void OnRetrying(Delivery delivery) => Interlocked.Increment(ref counters.WebhooksRetried);

    protected override void OnDelivered(Delivery delivery)
    {
        Interlocked.Increment(ref counters.WebhooksPosted);
        Interlocked.Decrement(ref counters.WebhooksPending);
    }

    protected override void OnAbandoned(Delivery delivery)
    {
        delivery.FirstAttempt.TrySetResult(new WebhookAttempt(null, "the simulator is stopping", null));
        Interlocked.Increment(ref counters.WebhooksAbandoned);
        Interlocked.Decrement(ref counters.WebhooksPending);
        logger.LogWarning("Webhook to {Url} abandoned after retries", delivery.Url);
    }

    public sealed record Delivery(string Url, WebhookPayload Payload, TaskCompletionSource<WebhookAttempt> FirstAttempt);
}
