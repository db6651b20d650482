using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// The control API's "the next N sends of this agent answer 403", to drive a caller's "403 → get a new token and
/// retry once" path: N = 1 lets the retry through, N = 2 makes it fail too. Consumed only by sends that passed
/// authentication.
/// </summary>
public sealed class ForbiddenSends
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _remaining = new(StringComparer.Ordinal);

    public void Arm(string agentId, int count) => _remaining[agentId] = new StrongBox<int>(Math.Max(0, count));

    public int Remaining(string agentId) => _remaining.TryGetValue(agentId, out var box) ? Volatile.Read(ref box.Value) : 0;

    public bool TryConsume(string agentId)
    {
        if (!_remaining.TryGetValue(agentId, out var box))
        {
            return false;
        }
        while (true)
        {
            var remaining = Volatile.Read(ref box.Value);
            if (remaining <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref box.Value, remaining - 1, remaining) == remaining)
            {
                return true;
            }
        }
    }

    public void Clear() => _remaining.Clear();
}
