using System.Collections.Concurrent;

namespace WhatsAppGenesys.SandboxKit.Limits;

/// <summary>
/// A send limit per key (a phone number, an agent) in fixed one-second windows: enough to make a caller's back-off
/// observable. A limit of 0 or less means none.
/// </summary>
public sealed class PerSecondWindows(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string key, int limit)
    {
        if (limit <= 0)
        {
            return true;
        }
        var second = time.GetTimestamp() / time.TimestampFrequency;
        var window = _windows.GetOrAdd(key, static _ => new Window());
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

    public void Clear() => _windows.Clear();

    private sealed class Window
    {
        public long Second { get; set; } = -1;
        public int Count { get; set; }
    }
}
