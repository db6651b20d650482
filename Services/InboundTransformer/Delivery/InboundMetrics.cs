using System.Diagnostics.Metrics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>Per-tenant inbound metrics: delivered to Genesys, duplicates skipped, end-to-end latency.</summary>
public sealed class InboundMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _latency;

    public InboundMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName);
        _delivered = meter.CreateCounter<long>("inbound.messages.delivered", description: "Customer messages accepted by Genesys");
        _duplicates = meter.CreateCounter<long>("inbound.messages.duplicates", description: "Redelivered customer messages recognised and not sent again");
        _latency = meter.CreateHistogram<double>("inbound.messages.latency", unit: "s",
            description: "Meta timestamp of the customer message to Genesys accepting it");
    }

    public void Delivered(string tenantId, TimeSpan endToEnd)
    {
        _delivered.Add(1, TenantTelemetry.Tag(tenantId));
        _latency.Record(endToEnd.TotalSeconds, TenantTelemetry.Tag(tenantId));
    }

    public void Duplicate(string tenantId) => _duplicates.Add(1, TenantTelemetry.Tag(tenantId));
}
