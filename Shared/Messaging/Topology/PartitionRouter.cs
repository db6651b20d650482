using System.Buffers;
using System.Text;

namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// Maps an ordering key to its partition: FNV-1a (64 bit) over the key's UTF-8 bytes, then Jump Consistent Hash
/// (Lamping and Veach), so the mapping is the same in every process and every run, and changing the partition count
/// moves only the keys that must move.
/// </summary>
/// <remarks>
/// Computed by the publisher rather than by RabbitMQ's consistent-hash exchange: on RabbitMQ 3.10 that exchange
/// rebuilds its hash ring in a different order when the broker restarts, so customers silently move to other
/// partitions and messages published after the restart overtake the ones still queued from before (observed on our
/// broker; see docs/messaging.md).
/// </remarks>
public static class PartitionRouter
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static int PartitionOf(string orderingKey, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return JumpHash(Fnv1a(orderingKey), partitions);
    }

    internal static ulong Fnv1a(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            var hash = FnvOffset;
            foreach (var b in buffer[..length])
            {
                hash = (hash ^ b) * FnvPrime;
            }
            return hash;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static int JumpHash(ulong key, int buckets)
    {
        long b = -1, j = 0;
        while (j < buckets)
        {
            b = j;
            key = (key * 2862933555777941757UL) + 1;
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }
        return (int)b;
    }
}
