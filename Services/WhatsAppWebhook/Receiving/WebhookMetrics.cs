using System.Diagnostics.Metrics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.WhatsAppWebhook.Receiving;

/// <summary>Per-tenant webhook counters on the shared meter.</summary>
public sealed class WebhookMetrics
{
    private readonly Counter<long> _received;
    private readonly Counter<long> _events;
    private readonly Counter<long> _rejected;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName);
        _received = meter.CreateCounter<long>("whatsapp.webhooks.received", description: "Meta webhooks accepted and queued");
        _events = meter.CreateCounter<long>("whatsapp.events.queued", description: "Messages and statuses queued for the inbound transformer");
        _rejected = meter.CreateCounter<long>("whatsapp.webhooks.rejected", description: "Meta webhooks refused, by HTTP status");
    }

    public void Accepted(string tenantId, int events)
    {
        _received.Add(1, TenantTelemetry.Tag(tenantId));
        _events.Add(events, TenantTelemetry.Tag(tenantId));
    }

    public void Rejected(int status) => _rejected.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));
}
