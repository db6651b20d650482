using System.Collections.Concurrent;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// Which customers each business reached with business-initiated messages in the last 24 hours. A customer counts once
// however often they are messaged, and stops counting 24 hours after the latest such message.
public sealed class MessagingLimitTracker(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly ConcurrentDictionary<string, Reach> _byWaba = new(StringComparer.Ordinal);

    // False when a new customer would take the business over its limit (null: unlimited); otherwise records them.
    public bool TryReach(string wabaId, string customerKey, long? limit)
    {
        var reach = _byWaba.GetOrAdd(wabaId, static _ => new Reach());
        var now = time.GetUtcNow();
        lock (reach)
        {
            reach.Expire(now - Window);
            if (!reach.Latest.ContainsKey(customerKey) && limit is { } max && reach.Latest.Count >= max)
            {
                return false;
            }
            reach.Latest[customerKey] = now;
            reach.Order.Enqueue((customerKey, now));
            return true;
        }
    }

    public int Reached(string wabaId)
    {
        if (!_byWaba.TryGetValue(wabaId, out var reach))
        {
            return 0;
        }
        lock (reach)
        {
            reach.Expire(time.GetUtcNow() - Window);
            return reach.Latest.Count;
        }
    }

    public void Reset() => _byWaba.Clear();

    private sealed class Reach
    {
        public Dictionary<string, DateTimeOffset> Latest { get; } = new(StringComparer.Ordinal);
        public Queue<(string Customer, DateTimeOffset At)> Order { get; } = new();

        // A queued entry only expires its customer if it is still their latest message.
        public void Expire(DateTimeOffset cutoff)
        {
            while (Order.TryPeek(out var oldest) && oldest.At <= cutoff)
            {
                Order.Dequeue();
                if (Latest.TryGetValue(oldest.Customer, out var latest) && latest == oldest.At)
                {
                    Latest.Remove(oldest.Customer);
                }
            }
        }
    }
}
