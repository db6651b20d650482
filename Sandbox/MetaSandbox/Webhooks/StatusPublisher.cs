using System.Collections.Concurrent;
using System.Globalization;
using WhatsAppGenesys.MetaSandbox.GraphApi;
using WhatsAppGenesys.MetaSandbox.Media;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Plays the customer's phone for an accepted message: sent → delivered → read status webhooks after the configured
// delays (counted from acceptance), or a single failed status with errors[] when delivery fails asynchronously
// (unreachable customer 131026, closed 24 h window 131047, media link that cannot be fetched or has a bad type 131053).
public sealed class StatusPublisher(
    WebhookDispatcher dispatcher,
    SandboxSettings settings,
    SandboxCounters counters,
    MediaLinkProbe mediaLinks,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<StatusPublisher> logger)
{
    private static readonly TimeSpan ConversationLifetime = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, (string Id, DateTimeOffset ExpiresAt)> _conversations = new(StringComparer.Ordinal);

    public void Start(OutboundMessage message, Business business, SendRequest request, MetaError? failure) =>
        _ = Task.Run(() => RunAsync(message, business, request, failure));

    public void Publish(OutboundMessage message, Business business, string status, MetaError? error = null)
    {
        var body = WebhookJson.Serialize(WebhookFactory.Envelope(business, StatusValue(message, business, status, error)));
        Interlocked.Increment(ref counters.StatusesEmitted);
        dispatcher.Enqueue(WebhookFactory.LaneKey(message.PhoneNumberId, message.Customer), business, body);
    }

    // Also used by the batch endpoint, which puts several statuses in one webhook.
    public WebhookValue StatusValue(OutboundMessage message, Business business, string status, MetaError? error = null)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        message.RecordStatus(status, now, error?.Code);
        var failed = status == "failed";
        var customer = message.Customer;
        var entry = new WebhookStatus
        {
            Id = message.Wamid,
            Status = status,
            Timestamp = now.ToString(CultureInfo.InvariantCulture),
            RecipientId = message.SentToBsuid || customer.WaId is null ? customer.UserId : customer.WaId,
            // Meta omits recipient_user_id on a failed status for a message sent to a phone number.
            RecipientUserId = failed && !message.SentToBsuid ? null : customer.UserId,
            RecipientParentUserId = failed && !message.SentToBsuid ? null : customer.ParentUserId,
            Conversation = failed ? null : Conversation(message, includeExpiry: status == "sent"),
            Pricing = failed ? null : new WebhookPricing(true, "CBP", message.PricingCategory),
            Errors = error is null ? null : [error.ToWebhookError()],
        };
        // Failed statuses carry no contacts; the username only shows on delivered and read.
        IReadOnlyList<WebhookContact>? contacts = failed ? null : [WebhookFactory.Contact(customer, includeUsername: status != "sent")];
        return WebhookFactory.MessagesValue(business, message.PhoneNumberId, contacts, null, [entry]);
    }

    private async Task RunAsync(OutboundMessage message, Business business, SendRequest request, MetaError? failure)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            var elapsed = await WaitUntilAsync(settings.SentDelayMs, 0, stopping);
            if (failure is null && request.MediaLink is not null && settings.FetchMediaLinks)
            {
                failure = await mediaLinks.CheckAsync(request.Type, request.MediaLink, stopping);
            }
            if (failure is not null)
            {
                Publish(message, business, "failed", failure);
                return;
            }
            var final = settings.FinalStatus;
            if (final < StatusProgression.Sent)
            {
                return;
            }
            Publish(message, business, "sent");
            if (final < StatusProgression.Delivered)
            {
                return;
            }
            elapsed = await WaitUntilAsync(settings.DeliveredDelayMs, elapsed, stopping);
            Publish(message, business, "delivered");
            if (final < StatusProgression.Read)
            {
                return;
            }
            await WaitUntilAsync(settings.ReadDelayMs, elapsed, stopping);
            Publish(message, business, "read");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogDebug("Status progression for {Wamid} stopped with the host", message.Wamid);
        }
    }

    private async Task<int> WaitUntilAsync(int targetMs, int elapsedMs, CancellationToken cancellationToken)
    {
        var wait = targetMs - elapsedMs;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
        }
        return Math.Max(targetMs, elapsedMs);
    }

    // One conversation per number, customer and category, open 24 h from its first message (the CBP pricing model
    // the fixtures show); the expiration is announced on "sent" only, as Meta does.
    private WebhookConversation Conversation(OutboundMessage message, bool includeExpiry)
    {
        var now = time.GetUtcNow();
        var key = $"{message.PhoneNumberId}|{message.Customer.Key}|{message.PricingCategory}";
        var conversation = _conversations.AddOrUpdate(key,
            static (_, at) => (Ids.NewConversationId(), at + ConversationLifetime),
            static (_, old, at) => old.ExpiresAt > at ? old : (Ids.NewConversationId(), at + ConversationLifetime), now);
        return new WebhookConversation(conversation.Id,
            includeExpiry ? conversation.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : null,
            new WebhookOrigin(message.PricingCategory));
    }
}
