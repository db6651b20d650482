using System.Collections.Concurrent;
using WhatsAppGenesys.GenesysSandbox.Control;

namespace WhatsAppGenesys.GenesysSandbox.OpenMessaging;

/// <summary>
/// Genesys's per-token platform limit (client.credentials.token.rate.per.minute, default 300): a fixed one-minute
/// window that starts with a token's first request. Over the limit: 429 with Retry-After = seconds to the window's end.
/// </summary>
public sealed class TokenRateLimiter(SandboxSettings settings, TimeProvider time)
{
    public const int WindowSeconds = 60;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public bool TryAcquire(string token, out int limit, out int retryAfterSeconds)
    {
        limit = settings.RequestsPerMinute;
        retryAfterSeconds = 0;
        if (limit <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow().UtcTicks;
        var window = _windows.GetOrAdd(token, static (_, start) => new Window { StartTicks = start }, now);
        lock (window)
        {
            if (now - window.StartTicks >= TimeSpan.TicksPerMinute)
            {
                window.StartTicks = now;
                window.Count = 0;
            }
            if (window.Count < limit)
            {
                window.Count++;
                return true;
            }

            var remaining = window.StartTicks + TimeSpan.TicksPerMinute - now;
            retryAfterSeconds = (int)Math.Max(1, Math.Ceiling(remaining / (double)TimeSpan.TicksPerSecond));
            return false;
        }
    }

    public void Clear() => _windows.Clear();

    private sealed class Window
    {
        public long StartTicks;
        public int Count;
    }
}
