using System.Diagnostics.Metrics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// Per-tenant outbound delivery metrics, counted where Meta's statuses arrive: delivered to the customer's phone
/// (with the agent-to-phone latency) and failed by the reason the agent sees. The outbound transformer counts the
/// failures it reports itself under the same name.
/// </summary>
public sealed class ReceiptMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;

    public ReceiptMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName);
        _delivered = meter.CreateCounter<long>("outbound.messages.delivered", description: "Agent messages WhatsApp delivered to the customer");
        _failed = meter.CreateCounter<long>("outbound.messages.failed", description: "Agent messages reported to Genesys as Failed, by reason");
        _latency = meter.CreateHistogram<double>("outbound.messages.delivery_latency", unit: "s",
            description: "Genesys time of the agent message to WhatsApp's delivered status");
    }

    public void Delivered(string tenantId, TimeSpan latency)
    {
        _delivered.Add(1, TenantTelemetry.Tag(tenantId));
        _latency.Record(Math.Max(0, latency.TotalSeconds), TenantTelemetry.Tag(tenantId));
    }

    public void Failed(string tenantId, string reason) =>
        _failed.Add(1, TenantTelemetry.Tag(tenantId), new KeyValuePair<string, object?>("reason", reason));
}
