using System.Collections.Concurrent;
using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// Meta's per-phone-number throughput (80 messages/s by default): over the limit a send answers 130429.
// A fixed one-second window per number is enough to make a caller's back-off observable.
public sealed class ThroughputLimiter(SandboxSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string phoneNumberId)
    {
        var limit = settings.MessagesPerSecond;
        if (limit <= 0)
        {
            return true;
        }
        var second = time.GetTimestamp() / time.TimestampFrequency;
        var window = _windows.GetOrAdd(phoneNumberId, static _ => new Window());
        lock (window)
        {
            if (window.Second != second)
            {
                window.Second = second;
                window.Count = 0;
            }
            if (window.Count >= limit)
            {
                return false;
            }
            window.Count++;
            return true;
        }
    }

    private sealed class Window
    {
        public long Second { get; set; } = -1;
        public int Count { get; set; }
    }
}
