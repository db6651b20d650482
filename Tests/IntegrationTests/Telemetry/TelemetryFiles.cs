using System.Globalization;
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

    /// <summary>
    /// The most items one group-commit transaction span (<paramref name="spanName"/>) of <paramref name="service"/>
    /// started at or after <paramref name="since"/> held; polls for up to 20 s, since spans are exported a few seconds late.
    /// </summary>
    public static async Task<int> LargestBatchAsync(string directory, string service, string spanName, DateTime since, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var largest = Read(directory)
                .Where(s => s.Get("service") == service && s.Get("name") == spanName
                    && DateTime.Parse(s.Get("start")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) >= since)
                .Select(s => int.Parse(s.Get("tags", "db.operation.batch.size") ?? "0", CultureInfo.InvariantCulture))
                .DefaultIfEmpty(0).Max();
            if (largest > 1 || DateTime.UtcNow > deadline)
            {
                return largest;
            }
            await Task.Delay(500, ct);
        }
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
