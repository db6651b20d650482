using System.Diagnostics.Metrics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// Per-tenant outbound metrics, for every channel: agent messages the provider (Meta, or the RCS provider) accepted,
/// failed (by the reason the agent sees), duplicates skipped, retries, and the latency from the agent pressing send
/// to the provider accepting. Delivery is counted where statuses arrive, in the inbound transformer.
/// </summary>
public sealed class OutboundMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _latency;

    public OutboundMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName);
        _sent = meter.CreateCounter<long>("outbound.messages.sent", description: "Agent messages accepted by the provider (WhatsApp or RCS)");
        _failed = meter.CreateCounter<long>("outbound.messages.failed", description: "Agent messages reported to Genesys as Failed, by reason");
        _duplicates = meter.CreateCounter<long>("outbound.messages.duplicates", description: "Redelivered agent messages recognised and not sent again");
        _retried = meter.CreateCounter<long>("outbound.messages.retried", description: "Sends put back for a later attempt, by error code");
        _latency = meter.CreateHistogram<double>("outbound.messages.latency", unit: "s",
            description: "Genesys time of the agent message to the provider (WhatsApp or RCS) accepting it");
    }

    public void Sent(string tenantId, TimeSpan latency)
    {
        _sent.Add(1, TenantTelemetry.Tag(tenantId));
        _latency.Record(Math.Max(0, latency.TotalSeconds), TenantTelemetry.Tag(tenantId));
    }

    public void Failed(string tenantId, string reason) =>
        _failed.Add(1, TenantTelemetry.Tag(tenantId), new KeyValuePair<string, object?>("reason", reason));

    public void Duplicate(string tenantId) => _duplicates.Add(1, TenantTelemetry.Tag(tenantId));

    public void Retried(string tenantId, string code) =>
        _retried.Add(1, TenantTelemetry.Tag(tenantId), new KeyValuePair<string, object?>("code", code));
}
