using System.Text.Json;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Which process handled what, from the span files every process of the test run writes
/// (<c>{service}-{pid}.jsonl</c> in <see cref="AppFixture.SpanDirectory"/>; see ServiceDefaults' SpanFileExporter).
/// Spans are exported in batches, so a count lags the work by a few seconds.
/// </summary>
public sealed class SpanFiles(AppFixture fixture)
{
    /// <summary>Messages of the burst a process took from the pipeline (consumer spans), at or after <paramref name="since"/>.</summary>
    public int Consumed(string service, int pid, Burst burst, DateTime since = default)
    {
        var path = Path.Combine(fixture.SpanDirectory, $"{service}-{pid}.jsonl");
        if (!File.Exists(path))
        {
            return 0;
        }
        var count = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (!line.EndsWith('}'))
            {
                continue; // a line still being written, or cut short by a SIGKILL
            }
            var span = JsonSerializer.Deserialize<Span>(line, JsonSerializerOptions.Web)!;
            if (span.Kind == "Consumer" && span.Start >= since
                && span.Tags?.GetValueOrDefault("messaging.message.id") is { } id && burst.Contains(id))
            {
                count++;
            }
        }
        return count;
    }

    private sealed record Span(string Kind, DateTime Start, Dictionary<string, string?>? Tags);
}
