using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// "The next N sends from this number fail with 131048": lets a test watch a caller back off from the spam rate limit.
public sealed class SpamStrikes
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _remaining = new(StringComparer.Ordinal);

    public void Arm(string phoneNumberId, int count) => _remaining[phoneNumberId] = new StrongBox<int>(Math.Max(0, count));

    // Consumed atomically, so N concurrent sends fail exactly N times.
    public bool TryStrike(string phoneNumberId)
    {
        if (!_remaining.TryGetValue(phoneNumberId, out var box))
        {
            return false;
        }
        while (true)
        {
            var left = Volatile.Read(ref box.Value);
            if (left <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref box.Value, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Remaining() =>
        _remaining.Where(p => Volatile.Read(ref p.Value.Value) > 0).ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value.Value));

    public void Clear() => _remaining.Clear();
}
