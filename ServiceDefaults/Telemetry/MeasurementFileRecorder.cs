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
    private readonly JsonLinesFile _file = new(directory, serviceName);
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
        // The span lives only for this callback: copy the tags out for the writer.
        var measurement = (Instrument: instrument.Name, At: DateTime.UtcNow, Tags: tags.ToArray());
        _file.Append([measurement], (json, m) =>
        {
            json.WriteStartObject();
            json.WriteString("service", serviceName);
            json.WriteString("instrument", m.Instrument);
            json.WriteString("at", m.At);
            json.WriteStartObject("tags");
            foreach (var (key, value) in m.Tags)
            {
                json.WriteString(key, value?.ToString());
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public void Dispose() => _listener.Dispose();
}
