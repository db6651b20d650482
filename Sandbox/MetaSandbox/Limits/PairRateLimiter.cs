using System.Collections.Concurrent;

namespace WhatsAppGenesys.MetaSandbox.Limits;

// Meta's pair rate: one business number may message one customer about once per interval (6 s), with a burst
// allowance (45) that then has to be earned back. A token bucket per (phone number id, customer).
public sealed class PairRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string phoneNumberId, string customerKey, int intervalMs, int burst)
    {
        var bucket = _buckets.GetOrAdd($"{phoneNumberId}|{customerKey}", static _ => new Bucket());
        var now = time.GetUtcNow();
        var capacity = Math.Max(1, burst);
        lock (bucket)
        {
            bucket.Tokens = bucket.LastRefill is { } last
                ? Math.Min(capacity, bucket.Tokens + (now - last).TotalMilliseconds / Math.Max(1, intervalMs))
                : capacity;
            bucket.LastRefill = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens -= 1;
            return true;
        }
    }

    public void Reset() => _buckets.Clear();

    private sealed class Bucket
    {
        public double Tokens { get; set; }
        public DateTimeOffset? LastRefill { get; set; }
    }
}
