using System.Diagnostics;
using System.Diagnostics.Metrics;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// Pipeline metrics on the shared meter, tagged with the pipeline and — when the handler set it — the tenant:
/// messages processed, retried, deferred behind a hold, dead-lettered and poisoned, and handler duration.
/// </summary>
internal sealed class PipelineMetrics
{
    public const string PipelineTag = "messaging.pipeline";

    private readonly Counter<long> _processed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _poisoned;
    private readonly Histogram<double> _duration;

    public PipelineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Microsoft.Extensions.Hosting.Extensions.MeterName);
        _processed = meter.CreateCounter<long>("messaging.pipeline.processed", "{message}", "Messages handled successfully");
        _retried = meter.CreateCounter<long>("messaging.pipeline.retried", "{message}", "Failed attempts sent to the delay queue");
        _deferred = meter.CreateCounter<long>("messaging.pipeline.deferred", "{message}", "Messages sent round the delay queue because their key was held");
        _deadLettered = meter.CreateCounter<long>("messaging.pipeline.dead_lettered", "{message}", "Messages parked after their attempts ran out");
        _poisoned = meter.CreateCounter<long>("messaging.pipeline.poisoned", "{message}", "Messages parked in the error queue as unprocessable");
        _duration = meter.CreateHistogram<double>("messaging.pipeline.handler.duration", "s", "Time spent in the message handler");
    }

    public void Processed(string pipeline, string? tenantId) => _processed.Add(1, Tags(pipeline, tenantId));

    public void Retried(string pipeline, string? tenantId) => _retried.Add(1, Tags(pipeline, tenantId));

    public void Deferred(string pipeline) => _deferred.Add(1, Tags(pipeline, null));

    public void DeadLettered(string pipeline, string? tenantId) => _deadLettered.Add(1, Tags(pipeline, tenantId));

    public void Poisoned(string pipeline, string? tenantId) => _poisoned.Add(1, Tags(pipeline, tenantId));

    public void HandlerDuration(string pipeline, string? tenantId, TimeSpan elapsed) => _duration.Record(elapsed.TotalSeconds, Tags(pipeline, tenantId));

    private static TagList Tags(string pipeline, string? tenantId)
    {
        var tags = new TagList { { PipelineTag, pipeline } };
        if (tenantId is not null)
        {
            tags.Add(TenantTelemetry.Tag(tenantId));
        }
        return tags;
    }
}
