using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenTelemetry;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// Appends each finished span as one JSON line to <c>{Telemetry:SpanDirectory}/{service}-{pid}.jsonl</c> (one file per
/// process, so processes never interleave writes). It exists so tests, and anyone without an OTLP collector, can read
/// the traces every process produced.
/// </summary>
internal sealed class SpanFileExporter(string directory, string serviceName) : BaseExporter<Activity>
{
    private readonly JsonLinesFile _file = new(directory, serviceName);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        _file.Append(batch, (json, activity) =>
        {
            json.WriteStartObject();
            json.WriteString("service", serviceName);
            json.WriteString("name", activity.DisplayName);
            json.WriteString("kind", activity.Kind.ToString());
            json.WriteString("traceId", activity.TraceId.ToHexString());
            json.WriteString("spanId", activity.SpanId.ToHexString());
            json.WriteString("parentSpanId", activity.ParentSpanId == default ? "" : activity.ParentSpanId.ToHexString());
            json.WriteString("source", activity.Source.Name);
            json.WriteString("start", activity.StartTimeUtc);
            json.WriteNumber("durationMs", activity.Duration.TotalMilliseconds);
            json.WriteStartObject("tags");
            // Every tag, numbers and flags too, as its invariant text.
            foreach (var (key, value) in activity.TagObjects)
            {
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return ExportResult.Success;
    }
}
