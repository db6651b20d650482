using System.Diagnostics;
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
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(directory, $"{serviceName}-{Environment.ProcessId}.jsonl");

    public override ExportResult Export(in Batch<Activity> batch)
    {
        using var buffer = new MemoryStream();
        foreach (var activity in batch)
        {
            using (var json = new Utf8JsonWriter(buffer))
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
                foreach (var (key, value) in activity.Tags)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
        }
        lock (_lock)
        {
            Directory.CreateDirectory(directory);
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            buffer.Position = 0;
            buffer.CopyTo(file);
        }
        return ExportResult.Success;
    }
}
