using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// Appends every measurement of the shared business meter as one JSON line to
/// <c>{Telemetry:MeasurementDirectory}/{service}-{pid}.jsonl</c>: instrument, time and tags. Exported metrics are
/// aggregated (a sum per tag set), which cannot show one measurement that lacked its tenant; each measurement can.
/// For tests: it writes on the measuring thread.
/// </summary>
internal sealed class MeasurementFileRecorder(string directory, string serviceName, string meterName) : IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(directory, $"{serviceName}-{Environment.ProcessId}.jsonl");
    private readonly MeterListener _listener = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Write(instrument, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Write(instrument, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Write(instrument, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Write(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("service", serviceName);
            json.WriteString("instrument", instrument.Name);
            json.WriteString("at", DateTime.UtcNow);
            json.WriteStartObject("tags");
            foreach (var (key, value) in tags)
            {
                json.WriteString(key, value?.ToString());
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_lock)
        {
            Directory.CreateDirectory(directory);
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            buffer.Position = 0;
            buffer.CopyTo(file);
        }
    }

    public void Dispose() => _listener.Dispose();
}
