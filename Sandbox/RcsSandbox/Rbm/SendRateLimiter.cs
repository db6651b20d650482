using System.Collections.Concurrent;
using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// Agent messages per second per agent: a fixed one-second window, enough to make a caller's back-off observable. The
/// agent's own limit wins over the run-time setting; 0 or less means no limit.
/// </summary>
public sealed class SendRateLimiter(SandboxSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(Agent agent)
    {
        var limit = agent.MessagesPerSecond ?? settings.MessagesPerSecond;
        if (limit <= 0)
        {
            return true;
        }
        var second = time.GetTimestamp() / time.TimestampFrequency;
        var window = _windows.GetOrAdd(agent.AgentId, static _ => new Window());
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
