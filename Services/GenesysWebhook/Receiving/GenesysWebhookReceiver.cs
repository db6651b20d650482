using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.GenesysWebhook.Receiving;

/// <summary>
/// <c>POST /webhook/genesys</c>: the Open Messaging outbound webhook (agent messages, receipts, typing events).
/// Genesys waits 10 s for an answer and retries up to 5 times on a timeout or 429/5xx, so we answer fast and only
/// after the broker confirmed the event; a refused webhook (4xx) is one Genesys will not resend, so those are for
/// input that can never be valid (bad signature, unknown integration, not JSON).
/// </summary>
public sealed class GenesysWebhookReceiver(
    ITenantDirectory tenants,
    WebhookSecrets secrets,
    WebhookArchive archive,
    PipelinePublisher publisher,
    WebhookActivity activity,
    OperationalSignalCounters signals,
    TimeProvider clock,
    ILogger<GenesysWebhookReceiver> logger) : IArchivedWebhookReceiver
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    // A request ahead in line is normally done well within this (archiving gives up after three 2-second attempts);
    // one that takes longer is stuck, and the requests behind it publish rather than time out with it.
    private static readonly TimeSpan OrderWaitLimit = TimeSpan.FromSeconds(10);

    // Concurrent webhooks of one customer publish in the order they arrived at this replica, or in Genesys's
    // channel.time order where that differs (docs/messaging.md, "Order at ingress").
    private readonly KeyedSequencer _arrivalOrder = new(OrderWaitLimit);

    public async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var (request, status, reason) = await SignedWebhookRequest.ReadAsync(http);
        return request is null ? Reject(status, reason) : await AcceptAsync(http, request, replayedFrom: null);
    }

    /// <summary>An operator's replay of an archived webhook: checked against its stored signature exactly as on arrival.</summary>
    public Task<IResult> AcceptArchivedAsync(HttpContext http, string key, ArchivedWebhook stored) =>
        AcceptAsync(http, new SignedWebhookRequest(stored.Body, stored.Metadata.GetValueOrDefault("webhook_signature", "")), replayedFrom: key);

    private async Task<IResult> AcceptAsync(HttpContext http, SignedWebhookRequest request, string? replayedFrom)
    {
        GenesysEnvelope envelope;
        try
        {
            using var document = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = 64 });
            if (GenesysEnvelope.Read(document.RootElement) is not { } read)
            {
                return Reject(400, "The body is not an Open Messaging outbound webhook");
            }
            envelope = read;
        }
        catch (JsonException)
        {
            return Reject(400, "The body is not valid JSON");
        }

        // Arrival: parsed, nothing slow done yet. The place in the customer's line is given up on every way out.
        using var ticket = _arrivalOrder.Enter([(envelope.CustomerId, envelope.EventTime)]);

        Contracts.Tenancy.TenantResolution? tenant;
        Secret? secret;
        try
        {
            tenant = await tenants.FindByIntegrationIdAsync(envelope.IntegrationId, http.RequestAborted);
            if (tenant is not { IsActive: true })
            {
                return Reject(403, "Unknown or inactive tenant for this integration id");
            }
            secret = await secrets.GetGenesysWebhookSecretAsync(tenant.TenantId);
        }
        catch (Exception ex) when (ex is TenantDirectoryUnavailableException or HttpRequestException or TaskCanceledException)
        {
            return Reject(503, "Tenant directory unavailable; Genesys will retry");
        }
        if (secret is null)
        {
            return Reject(403, "The tenant has no Genesys webhook secret configured");
        }
        if (!WebhookSignatures.VerifyGenesys(request.Body, request.Signature, secret.Reveal()))
        {
            // Counted per tenant: many in a row usually mean the webhook secret was changed in Genesys and not here.
            signals.SignatureRejected(ProviderKeys.Genesys, tenant.TenantId);
            return Reject(401, "Signature does not match the body");
        }

        using var scope = logger.BeginTenantScope(tenant.TenantId);
        var receivedAt = clock.GetUtcNow();
        var archiveKey = replayedFrom ?? await archive.StoreAsync(Buckets.WebhooksGenesys, WebhookArchive.Key(tenant.TenantId, receivedAt, envelope.Id),
            request.Body, request.ArchiveMetadata(http, tenant.TenantId, receivedAt), http.RequestAborted);
        var received = new GenesysEventReceived(envelope.EventId, envelope.Type, tenant.TenantId, envelope.IntegrationId, envelope.ConversationId,
            envelope.CustomerId, envelope.Payload, receivedAt, archiveKey);
        byte[] body;
        try
        {
            body = JsonSerializer.SerializeToUtf8Bytes(received, EventJson);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Valid JSON that is not valid Unicode (an escaped lone surrogate) cannot be written out again: a 400,
            // since a 5xx would only have Genesys retry something that can never succeed.
            return Reject(400, "The body holds text that is not valid Unicode");
        }
        try
        {
            if (!await ticket.WaitTurnAsync(envelope.CustomerId, http.RequestAborted))
            {
                logger.LogWarning("An earlier webhook of the same customer was still not queued after {Limit}; queueing this one without waiting", OrderWaitLimit);
            }
            await publisher.PublishAsync(Pipelines.Outbound, received.OrderingKey, received.EventId, received.Type, body, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError("Queueing Genesys event {EventId} failed, answering 503 so Genesys retries: {Reason}", received.EventId, ex.Message);
            return Reject(503, "Could not queue the webhook; Genesys will retry");
        }
        activity.Accepted(ProviderKeys.Genesys, tenant.TenantId);
        return Results.Ok();
    }

    private IResult Reject(int status, string reason)
    {
        logger.LogInformation("Genesys webhook rejected with {Status}: {Reason}", status, reason);
        return Results.Problem(statusCode: status, title: reason);
    }
}

/// <summary>The few fields of an outbound webhook payload we route on; the payload itself travels unchanged.</summary>
/// <param name="EventTime">Genesys's <c>channel.time</c> in Unix milliseconds, when present and readable.</param>
public sealed record GenesysEnvelope(string Id, string Type, string IntegrationId, string CustomerId, string? ConversationId, JsonElement Payload, long? EventTime = null)
{
    /// <summary>Unique per event: a message id, or the id plus what a receipt or event says about it.</summary>
    public string EventId => Type switch
    {
        "Receipt" => $"{Id}:receipt:{Payload.GetPropertyOrNull("status")}",
        "Event" => $"{Id}:event",
        _ => Id,
    };

    public static GenesysEnvelope? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || root.GetPropertyOrNull("id") is not { Length: > 0 } id ||
            root.GetPropertyOrNull("type") is not { Length: > 0 } type ||
            !root.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        // The integration is channel.from.id on messages (and channel.id); the customer is channel.to.id.
        var integrationId = channel.TryGetProperty("from", out var from) ? from.GetPropertyOrNull("id") : null;
        integrationId ??= channel.GetPropertyOrNull("id");
        var customerId = channel.TryGetProperty("to", out var to) ? to.GetPropertyOrNull("id") : null;
        if (integrationId is null || customerId is null)
        {
            return null;
        }
        var eventTime = DateTimeOffset.TryParse(channel.GetPropertyOrNull("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : (long?)null;
        return new GenesysEnvelope(id, type, integrationId, customerId, root.GetPropertyOrNull("conversationId"), root.Clone(), eventTime);
    }
}

internal static class JsonElementExtensions
{
    public static string? GetPropertyOrNull(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
