using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// Appends each log record as one JSON line to <c>{Telemetry:LogDirectory}/{service}-{pid}.jsonl</c>: category,
/// level, trace id, message, and the values of its scopes (where <c>TenantId</c> lives). Like the span files, it
/// exists so tests can read what every process logged, here to prove that the message path names its tenant.
/// </summary>
internal sealed class LogFileExporter(string directory, string serviceName) : BaseExporter<LogRecord>
{
    private readonly JsonLinesFile _file = new(directory, serviceName);

    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        _file.Append(batch, (json, record) =>
        {
            json.WriteStartObject();
            json.WriteString("service", serviceName);
            json.WriteString("category", record.CategoryName);
            json.WriteString("level", record.LogLevel.ToString());
            json.WriteString("traceId", record.TraceId == default ? "" : record.TraceId.ToHexString());
            json.WriteString("at", record.Timestamp);
            json.WriteString("message", record.FormattedMessage ?? record.Body);
            json.WriteStartObject("scopes");
            record.ForEachScope(static (scope, writer) =>
            {
                foreach (var (key, value) in scope)
                {
                    writer.WriteString(key, value?.ToString());
                }
            }, json);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        return ExportResult.Success;
    }
}
