using System.Text.Json;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.WhatsAppWebhook.Receiving;

/// <summary>
/// The <c>message_template_status_update</c> path of <c>POST /webhook/whatsapp</c>: the same promise as for messages
/// (signature checked, archived, queued with the broker's confirm, only then 200), for updates that name a WABA
/// rather than a phone number. The WABA's tenants are asked of the tenant service, and the update belongs to those
/// whose Meta app secret signed the body, so two tenants naming the same account never see each other's templates.
/// </summary>
public sealed class TemplateStatusReceiver(
    WabaTenants wabaTenants,
    WebhookSecrets secrets,
    WebhookArchive archive,
    PipelinePublisher publisher,
    WebhookMetrics metrics,
    OperationalSignalCounters signals,
    TimeProvider clock,
    ILogger<TemplateStatusReceiver> logger)
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    public async Task<IResult> AcceptAsync(HttpContext http, SignedWebhookRequest request, IReadOnlyList<TemplateStatusReader.Update> updates, string? replayedFrom)
    {
        var byTenant = new Dictionary<string, List<TemplateStatusReader.Update>>(StringComparer.Ordinal);
        foreach (var wabaUpdates in updates.GroupBy(u => u.WabaId, StringComparer.Ordinal))
        {
            IReadOnlyList<TenantResolution> candidates;
            try
            {
                candidates = await wabaTenants.FindAsync(wabaUpdates.Key, http.RequestAborted);
            }
            catch (TenantDirectoryUnavailableException)
            {
                return Reject(503, "Tenant directory unavailable; Meta will redeliver");
            }
            var signedBy = new List<string>();
            var withSecret = new List<string>();
            foreach (var tenant in candidates.Where(t => t.IsActive))
            {
                Secret? appSecret;
                try
                {
                    appSecret = await secrets.GetMetaAppSecretAsync(tenant.TenantId);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return Reject(503, "Tenant credentials unavailable; Meta will redeliver");
                }
                if (appSecret is null)
                {
                    continue;
                }
                withSecret.Add(tenant.TenantId);
                if (WebhookSignatures.VerifyMeta(request.Body, request.Signature, appSecret.Reveal()))
                {
                    signedBy.Add(tenant.TenantId);
                }
            }
            if (withSecret.Count == 0)
            {
                return Reject(403, "No active tenant with a Meta app secret has this WhatsApp Business Account");
            }
            if (signedBy.Count == 0)
            {
                // Counted for each tenant the account could belong to: a secret rotated at Meta shows as bulk refusals.
                foreach (var tenantId in withSecret)
                {
                    signals.SignatureRejected(ProviderKeys.WhatsApp, tenantId);
                }
                return Reject(401, "Signature does not match the body");
            }
            foreach (var tenantId in signedBy)
            {
                if (!byTenant.TryGetValue(tenantId, out var list))
                {
                    byTenant[tenantId] = list = [];
                }
                list.AddRange(wabaUpdates);
            }
        }

        var receivedAt = clock.GetUtcNow();
        var events = new List<TemplateStatusChanged>();
        foreach (var (tenantId, tenantUpdates) in byTenant)
        {
            var archiveKey = replayedFrom ?? await ArchiveAsync(http, request, tenantId, tenantUpdates[0], receivedAt);
            events.AddRange(tenantUpdates.Select(u => ToEvent(u, tenantId, receivedAt, archiveKey)));
        }

        try
        {
            // One after another, each confirmed before the next: a webhook's updates queue in the order Meta listed them.
            foreach (var e in events)
            {
                await publisher.PublishAsync(Pipelines.TemplateStatus, e.OrderingKey, e.EventId, TemplateStatusChanged.EventType,
                    JsonSerializer.SerializeToUtf8Bytes(e, EventJson), http.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Queueing {Count} template status updates failed, answering 503 so Meta redelivers", events.Count);
            return Reject(503, "Could not queue the webhook; Meta will redeliver");
        }

        foreach (var tenantId in byTenant.Keys)
        {
            metrics.Accepted(tenantId, events.Count(e => e.TenantId == tenantId));
        }
        return Results.Ok();
    }

    private static TemplateStatusChanged ToEvent(TemplateStatusReader.Update update, string tenantId, DateTimeOffset receivedAt, string? archiveKey)
    {
        var value = update.Value;
        // A webhook without a time is dated by its arrival; Meta's own are whole seconds, so ours are too.
        var occurredAt = update.Time > 0 ? DateTimeOffset.FromUnixTimeSeconds(update.Time) : DateTimeOffset.FromUnixTimeSeconds(receivedAt.ToUnixTimeSeconds());
        var templateId = value.MessageTemplateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TemplateStatusChanged(
            EventId: $"{templateId}:{value.Event}:{occurredAt.ToUnixTimeSeconds()}",
            TenantId: tenantId,
            WabaId: update.WabaId,
            TemplateId: templateId,
            Name: value.MessageTemplateName,
            Language: value.MessageTemplateLanguage,
            Status: value.Event,
            Reason: value.Reason,
            Category: value.MessageTemplateCategory,
            OccurredAt: occurredAt,
            ReceivedAt: receivedAt,
            ArchiveKey: archiveKey);
    }

    private async Task<string?> ArchiveAsync(HttpContext http, SignedWebhookRequest request, string tenantId, TemplateStatusReader.Update first, DateTimeOffset receivedAt)
    {
        using var scope = logger.BeginTenantScope(tenantId);
        var key = WebhookArchive.Key(tenantId, receivedAt, $"template-{first.Value.MessageTemplateId}");
        return await archive.StoreAsync(Buckets.WebhooksInbound, key, request.Body, request.ArchiveMetadata(http, tenantId, receivedAt), http.RequestAborted);
    }

    private IResult Reject(int status, string reason)
    {
        metrics.Rejected(status);
        logger.LogInformation("Template status webhook rejected with {Status}: {Reason}", status, reason);
        return Results.Problem(statusCode: status, title: reason);
    }
}
