using Microsoft.Extensions.Options;
using WhatsAppGenesys.MetaSandbox.Model;
using WhatsAppGenesys.SandboxKit.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

/// <summary>
/// Meta's webhooks, signed with the business's app secret (X-Hub-Signature-256 and the legacy X-Hub-Signature), in
/// one lane per business number and customer: a customer's later message never overtakes an earlier one, as on a real
/// phone. A 2xx acknowledges; anything else is retried with back-off.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookSender sender,
    IOptions<MetaSandboxOptions> options,
    SandboxCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookDispatcher> logger)
    : WebhookLanes<WebhookDispatcher.Delivery>(options.Value.Webhooks, lifetime.ApplicationStopping, logger)
{
    public void Enqueue(string laneKey, Business business, byte[] body)
    {
        if (business.WebhookUrl is null)
        {
            logger.LogDebug("Business {WabaId} has no webhook URL; webhook dropped", business.WabaId);
            return;
        }
        Interlocked.Increment(ref counters.WebhooksEnqueued);
        Interlocked.Increment(ref counters.WebhooksPending);
        EnqueueInLane(laneKey, new Delivery(business.WebhookUrl, body,
            WebhookSignature.Sha256(body, business.AppSecret), WebhookSignature.Sha1(body, business.AppSecret)));
    }

    protected override async Task<bool> AttemptAsync(Delivery delivery, int attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref counters.WebhooksInFlight);
        Interlocked.Increment(ref counters.WebhookAttempts);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.AttemptTimeout);
            var response = await sender.PostAsync(delivery.Url, delivery.Body, delivery.Signature256,
                delivery.Signature1, readBody: false, timeout.Token);
            return response.IsSuccess;
        }
        finally
        {
            Interlocked.Decrement(ref counters.WebhooksInFlight);
        }
    }

    protected override void OnRetrying(Delivery delivery) => Interlocked.Increment(ref counters.WebhooksRetried);

    protected override void OnDelivered(Delivery delivery)
    {
        Interlocked.Increment(ref counters.WebhooksPosted);
        Interlocked.Decrement(ref counters.WebhooksPending);
    }

    protected override void OnAbandoned(Delivery delivery)
    {
        Interlocked.Increment(ref counters.WebhooksAbandoned);
        Interlocked.Decrement(ref counters.WebhooksPending);
        logger.LogWarning("Webhook to {Url} abandoned after retries", delivery.Url);
    }

    public sealed record Delivery(string Url, byte[] Body, string Signature256, string Signature1);
}
