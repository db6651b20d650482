using System.Text.Json;

namespace WhatsAppGenesys.IntegrationTests.Telemetry;

/// <summary>The JSON lines every process of the app writes to a telemetry directory of the fixture (spans, logs, measurements).</summary>
public static class TelemetryFiles
{
    public static List<JsonElement> Read(string directory)
    {
        var lines = new List<JsonElement>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                // A line being written right now may be incomplete.
                if (line.EndsWith('}'))
                {
                    lines.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
        }
        return lines;
    }

    public static string? Get(this JsonElement element, string property, string? nested = null)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }
        if (nested is not null)
        {
            return value.TryGetProperty(nested, out var inner) && inner.ValueKind == JsonValueKind.String ? inner.GetString() : null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
