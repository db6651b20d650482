using System.Text.Json;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>
/// <c>POST /webhook/rcs</c>: check, archive, queue, and only then 200 — the WhatsApp receiver's contract, with RBM's
/// signature. The provider redelivers anything that did not get a 2xx (RBM for days), so every other answer means
/// "nothing of this webhook was queued" and is safe to redeliver: 401 for a bad or missing signature, 403 for an
/// agent no active tenant owns, 400 for a body that is not an RBM webhook, 503 when something of ours is down.
/// </summary>
public sealed class RcsWebhookReceiver(
    RcsAgentOwners owners,
    WebhookArchive archive,
    PipelinePublisher publisher,
    RcsSendReceipts sendReceipts,
    WebhookActivity activity,
    OperationalSignalCounters signals,
    TimeProvider clock,
    ILogger<RcsWebhookReceiver> logger) : IArchivedWebhookReceiver
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    // As WhatsApp's: a request ahead in line that takes longer than this is stuck, and the ones behind it go on.
    private static readonly TimeSpan OrderWaitLimit = TimeSpan.FromSeconds(10);

    // Concurrent webhooks of one customer publish in the order they arrived at this replica (docs/messaging.md).
    private readonly KeyedSequencer _arrivalOrder = new(OrderWaitLimit);

    /// <param name="agentOfUrl">The agent of an agent's own URL (<c>/webhook/rcs/{agentId}</c>), or null for the shared one.</param>
    public async Task<IResult> ReceiveAsync(HttpContext http, string? agentOfUrl)
    {
        var (request, status, reason) = await SignedWebhookRequest.ReadAsync(http, RbmWebhookSignature.HeaderName, RbmWebhookSignature.IsWellFormed);
        return request is null ? Reject(status, reason) : await AcceptAsync(http, request, replayedFrom: null, agentOfUrl);
    }

    /// <summary>
    /// Queues an archived webhook again (an operator's replay), checked exactly as on arrival with the signature the
    /// provider sent; what was already delivered is dropped by the transformer's ledger.
    /// </summary>
    public Task<IResult> AcceptArchivedAsync(HttpContext http, string key, ArchivedWebhook stored) =>
        AcceptAsync(http, new SignedWebhookRequest(stored.Body, stored.Metadata.GetValueOrDefault("webhook_signature", "")), replayedFrom: key,
            agentOfUrl: null);

    private async Task<IResult> AcceptAsync(HttpContext http, SignedWebhookRequest request, string? replayedFrom, string? agentOfUrl)
    {
        RbmWebhook webhook;
        try
        {
            var (read, problem) = RbmWebhookReader.Read(request.Body);
            if (read is null)
            {
                return Reject(400, problem!);
            }
            webhook = read;
        }
        catch (JsonException)
        {
            return Reject(400, "The body is not valid JSON");
        }
        if (agentOfUrl is not null && agentOfUrl != webhook.AgentId)
        {
            // A console slip (one agent's URL pasted into another's settings) must show, not route by the body alone.
            return Reject(400, "The event is for another agent than this webhook URL's");
        }

        // Arrival: parsed, nothing slow done yet. The place in the customer's line is taken here, keyed by the
        // customer alone (the tenant is not known before the directory answers), and given up on every way out.
        using var tickets = _arrivalOrder.Enter([(webhook.CustomerId, webhook.SendTime)]);

        // Refused here, the provider redelivers (so a 503 is "try again", never "gone").
        var (owner, status, reason) = await owners.FindAsync(webhook.AgentId, http.RequestAborted);
        if (owner is null)
        {
            return Reject(status, reason);
        }
        var (tenant, rcs, clientToken) = owner;
        if (!RbmWebhookSignature.Verify(webhook.SignedBytes, request.Signature, clientToken.Reveal()))
        {
            // Counted per tenant, like WhatsApp's: many in a row usually mean the client token changed at the provider.
            signals.SignatureRejected(ProviderKeys.Rcs, tenant.TenantId);
            return Reject(401, "Signature does not match the event");
        }

        using var scope = logger.BeginTenantScope(tenant.TenantId);
        var receivedAt = clock.GetUtcNow();
        var archiveKey = replayedFrom ?? await archive.StoreAsync(Buckets.WebhooksInbound, WebhookArchive.Key(tenant.TenantId, receivedAt, SharedBucketKeys.RcsIdPrefix + webhook.Id),
            request.Body, request.ArchiveMetadata(http, tenant.TenantId, receivedAt), http.RequestAborted);
        // A tenant linking RCS with WhatsApp has the user's messages join the WhatsApp conversation of their number.
        var customerId = LinkedChannels.RcsCustomerId(webhook.Msisdn, rcs.LinkWithWhatsApp);
        var received = new RcsEventReceived(webhook.Id, webhook.Kind, tenant.TenantId, webhook.AgentId, customerId, webhook.Msisdn,
            webhook.Event, receivedAt, archiveKey);

        // Serialized before anything is published: valid JSON that is not valid Unicode (an escaped lone surrogate)
        // cannot be written out again, and must be a 400 rather than a 5xx the provider would redeliver for days.
        byte[] body;
        try
        {
            body = JsonSerializer.SerializeToUtf8Bytes(received, EventJson);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Reject(400, "The event holds text that is not valid Unicode");
        }

        try
        {
            // The line waited in is the one entered on arrival: the RCS address, taken before the tenant was known.
            await publisher.PublishInArrivalOrderAsync(Pipelines.InboundRcs,
                [new QueuedWebhookEvent(webhook.CustomerId, received.OrderingKey, received.EventId, received.Kind, body)],
                tickets, OrderWaitLimit, logger, http.RequestAborted);
            // A receipt of a message sent through the send API shows on its status route (the ledger, moved by the
            // transformer, is for agents' messages). After the publish: a failure here is retried by redelivery.
            await sendReceipts.RecordAsync(tenant.TenantId, webhook, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Never 200 for what is not safely queued: the provider redelivers, and the ledger drops what was queued twice.
            logger.LogError(ex, "Queueing RCS {Kind} {Id} failed, answering 503 so the provider redelivers", webhook.Kind, webhook.Id);
            return Reject(503, "Could not queue the webhook; the provider will redeliver");
        }

        activity.Accepted(ProviderKeys.Rcs, tenant.TenantId);
        return Results.Ok();
    }

    private IResult Reject(int status, string reason)
    {
        logger.LogInformation("RCS webhook rejected with {Status}: {Reason}", status, reason);
        return Results.Problem(statusCode: status, title: reason);
    }
}
