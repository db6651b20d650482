using Microsoft.Extensions.Caching.Memory;

namespace WhatsAppGenesys.OutboundTransformer.Delivery;

/// <summary>
/// Which customer messages we already marked read on WhatsApp, so an agent writing five replies costs one read
/// receipt, not five. In process only: a customer's messages are handled by one replica at a time (one active
/// consumer per partition), and a repeated mark-as-read after a fail-over is harmless.
/// </summary>
public sealed class ReadMarkers : IDisposable
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(24);
    private readonly MemoryCache _marked = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>True the first time a message is claimed: the caller should mark it read.</summary>
    public bool TryClaim(string tenantId, string wamid)
    {
        var key = $"{tenantId}:{wamid}";
        if (_marked.TryGetValue(key, out _))
        {
            return false;
        }
        _marked.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remember });
        return true;
    }

    /// <summary>Marking failed: the next reply tries again.</summary>
    public void Release(string tenantId, string wamid) => _marked.Remove($"{tenantId}:{wamid}");

    public void Dispose() => _marked.Dispose();
}
