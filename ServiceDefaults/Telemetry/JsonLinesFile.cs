using System.Text.Json;
using OpenTelemetry;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// One process's telemetry file, <c>{directory}/{service}-{pid}.jsonl</c>: one file per process, so processes never
/// interleave writes, and within the process one append at a time. The span, log and measurement files use it.
/// </summary>
internal sealed class JsonLinesFile(string directory, string serviceName)
{
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(directory, $"{serviceName}-{Environment.ProcessId}.jsonl");

    /// <summary>Writes each item as one JSON object on a line of its own, all in one append.</summary>
    public void Append<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            WriteLine(buffer, write, item);
        }
        Flush(buffer);
    }

    /// <summary>An exporter's batch, the same way (a batch can be enumerated, not captured or kept).</summary>
    public void Append<T>(in Batch<T> batch, Action<Utf8JsonWriter, T> write) where T : class
    {
        using var buffer = new MemoryStream();
        foreach (var item in batch)
        {
            WriteLine(buffer, write, item);
        }
        Flush(buffer);
    }

    private static void WriteLine<T>(MemoryStream buffer, Action<Utf8JsonWriter, T> write, T item)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json, item);
        }
        buffer.WriteByte((byte)'\n');
    }

    private void Flush(MemoryStream buffer)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(directory);
            using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            buffer.Position = 0;
            buffer.CopyTo(file);
        }
    }
}
