using System.Text.Json;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.WhatsAppWebhook.Receiving;

/// <summary>
/// <c>POST /webhook/whatsapp</c>: check, archive, queue, and only then 200. Meta redelivers anything that did not get
/// a 2xx, so every answer other than 200 means "nothing of this webhook was queued" and is safe to redeliver.
/// </summary>
public sealed class MetaWebhookReceiver(
    ITenantDirectory tenants,
    WebhookSecrets secrets,
    WebhookArchive archive,
    PipelinePublisher publisher,
    TemplateStatusReceiver templateStatuses,
    WebhookMetrics metrics,
    WebhookActivity activity,
    OperationalSignalCounters signals,
    TimeProvider clock,
    ILogger<MetaWebhookReceiver> logger) : IArchivedWebhookReceiver
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    // A request ahead in line is normally done well within this (archiving gives up after three 2-second attempts);
    // one that takes longer is stuck, and the requests behind it publish rather than time out with it.
    private static readonly TimeSpan OrderWaitLimit = TimeSpan.FromSeconds(10);

    // Concurrent webhooks of one customer publish in the order they arrived at this replica (docs/messaging.md).
    private readonly KeyedSequencer _arrivalOrder = new(OrderWaitLimit);

    public async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var (request, status, reason) = await SignedWebhookRequest.ReadAsync(http);
        return request is null ? Reject(status, reason) : await AcceptAsync(http, request, replayedFrom: null);
    }

    /// <summary>
    /// Queues an archived webhook again (an operator's replay): the stored bytes and the signature Meta sent with them
    /// are checked exactly as on arrival, so only what Meta really sent can be replayed. Events already delivered are
    /// dropped by the transformer's ledger, so replaying is always safe.
    /// </summary>
    public Task<IResult> AcceptArchivedAsync(HttpContext http, string key, ArchivedWebhook stored) =>
        AcceptAsync(http, new SignedWebhookRequest(stored.Body, stored.Metadata.GetValueOrDefault("webhook_signature", "")), replayedFrom: key);

    private async Task<IResult> AcceptAsync(HttpContext http, SignedWebhookRequest request, string? replayedFrom)
    {
        var (body, signature) = (request.Body, request.Signature);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return Reject(400, "The body is not valid JSON");
        }

        using (document)
        {
            if (MetaWebhookReader.ReadChanges(document.RootElement) is not { } changes)
            {
                return Reject(400, "The body is not a WhatsApp Business Account webhook");
            }

            // Template status updates are account-level (a WABA, no phone number): their own path. Meta posts each
            // field in its own webhook; a body with no change of a field we handle is still answered 200 below.
            if (changes.Count == 0)
            {
                IReadOnlyList<TemplateStatusReader.Update> templateUpdates;
                try
                {
                    templateUpdates = TemplateStatusReader.Read(document.RootElement);
                }
                catch (InvalidWebhookException ex)
                {
                    return Reject(400, ex.Message);
                }
                if (templateUpdates.Count > 0)
                {
                    return await templateStatuses.AcceptAsync(http, request, templateUpdates, replayedFrom);
                }
            }

            // Arrival: the body is read and parsed and nothing slow has happened yet, so this is where the request's
            // place in each of its customers' lines is taken (keyed by the customer alone: the tenant is not known
            // before the directory answers, and that answer may come back in any order). Every way out below gives
            // the places up, so a refused or failed request holds nobody up.
            using var tickets = _arrivalOrder.Enter(changes.SelectMany(MetaWebhookReader.Customers));

            // Resolve and authenticate every tenant the webhook addresses before anything is stored or queued.
            var byTenant = new Dictionary<string, List<MetaWebhookReader.Change>>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                TenantResolution? tenant;
                try
                {
                    tenant = await tenants.FindByPhoneNumberIdAsync(change.PhoneNumberId, http.RequestAborted);
                }
                catch (TenantDirectoryUnavailableException)
                {
                    return Reject(503, "Tenant directory unavailable; Meta will redeliver");
                }
                if (tenant is not { IsActive: true })
                {
                    return Reject(403, "Unknown or inactive tenant for this phone number id");
                }
                if (!byTenant.TryGetValue(tenant.TenantId, out var list))
                {
                    byTenant[tenant.TenantId] = list = [];
                }
                list.Add(change);
            }
            foreach (var tenantId in byTenant.Keys)
            {
                Secret? appSecret;
                try
                {
                    appSecret = await secrets.GetMetaAppSecretAsync(tenantId);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return Reject(503, "Tenant credentials unavailable; Meta will redeliver");
                }
                if (appSecret is null)
                {
                    return Reject(403, "The tenant has no Meta app secret configured");
                }
                if (!WebhookSignatures.VerifyMeta(body, signature, appSecret.Reveal()))
                {
                    // Counted per tenant: many in a row usually mean the app secret was rotated at Meta and not here.
                    signals.SignatureRejected(ProviderKeys.WhatsApp, tenantId);
                    return Reject(401, "Signature does not match the body");
                }
            }

            var receivedAt = clock.GetUtcNow();
            var events = new List<WhatsAppEventReceived>();
            try
            {
                foreach (var (tenantId, tenantChanges) in byTenant)
                {
                    var archiveKey = replayedFrom ?? await ArchiveAsync(http, request, tenantId, tenantChanges, receivedAt);
                    events.AddRange(tenantChanges.SelectMany(change => MetaWebhookReader.ReadEvents(change, tenantId, receivedAt, archiveKey)));
                }
            }
            catch (InvalidWebhookException ex)
            {
                return Reject(400, ex.Message);
            }

            // Serialized before anything is published: a string that is valid JSON but not valid Unicode (an escaped
            // lone surrogate such as "\ud83d") cannot be written out again, and that must be a 400 — a 5xx would have
            // Meta redeliver a webhook that can never succeed for days.
            List<QueuedWebhookEvent> serialized;
            try
            {
                serialized = events.Select(e => new QueuedWebhookEvent(e.CustomerId, e.OrderingKey, e.EventId, e.Kind,
                    JsonSerializer.SerializeToUtf8Bytes(e, EventJson))).ToList();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return Reject(400, "The body holds text that is not valid Unicode");
            }

            try
            {
                await publisher.PublishInArrivalOrderAsync(Pipelines.Inbound, serialized, tickets, OrderWaitLimit, logger, http.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                // Never 200 for what is not safely queued: Meta redelivers, and the ledger drops what was queued twice.
                logger.LogError(ex, "Queueing {Count} events failed, answering 503 so Meta redelivers", events.Count);
                return Reject(503, "Could not queue the webhook; Meta will redeliver");
            }

            foreach (var tenantId in byTenant.Keys)
            {
                metrics.Accepted(tenantId, events.Count(e => e.TenantId == tenantId));
                activity.Accepted(ProviderKeys.WhatsApp, tenantId);
            }
            return Results.Ok();
        }
    }

    private async Task<string?> ArchiveAsync(HttpContext http, SignedWebhookRequest request, string tenantId, List<MetaWebhookReader.Change> changes, DateTimeOffset receivedAt)
    {
        using var scope = logger.BeginTenantScope(tenantId);
        var firstId = changes.SelectMany(c => MetaWebhookReader.Items(c.Value, "messages").Concat(MetaWebhookReader.Items(c.Value, "statuses")))
            .Select(item => item.TryGetProperty("id", out var id) ? id.GetString() : null)
            .FirstOrDefault(id => id is not null) ?? "webhook";
        return await archive.StoreAsync(Buckets.WebhooksInbound, WebhookArchive.Key(tenantId, receivedAt, firstId), request.Body,
            request.ArchiveMetadata(http, tenantId, receivedAt), http.RequestAborted);
    }

    private IResult Reject(int status, string reason)
    {
        metrics.Rejected(status);
        logger.LogInformation("Webhook rejected with {Status}: {Reason}", status, reason);
        return Results.Problem(statusCode: status, title: reason);
    }
}
