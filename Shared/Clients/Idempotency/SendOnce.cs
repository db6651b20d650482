using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace WhatsAppGenesys.Clients.Idempotency;

/// <summary>
/// Sends each idempotency key to a provider at most once per process: concurrent callers with the same key share one
/// call, and a caller that comes back with a key that already succeeded (a transformer killed after the provider
/// answered, whose message is redelivered) gets the recorded result instead of a second send. Only results that
/// <paramref name="isAccepted"/> says the provider accepted are remembered, so after a failure a retry sends again.
/// The call runs to completion even if the caller goes away.
/// </summary>
public sealed class SendOnce<TResult>(TimeSpan remember, Func<TResult, bool> isAccepted, long capacity = 200_000) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly MemoryCache _completed = new(new MemoryCacheOptions { SizeLimit = capacity });

    public async Task<(TResult Result, bool Replayed)> RunAsync(string key, Func<Task<TResult>> send)
    {
        if (_completed.TryGetValue(key, out TResult? known))
        {
            return (known!, true);
        }
        var lazy = _inFlight.GetOrAdd(key, _ => new Lazy<Task<TResult>>(send, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var result = await lazy.Value;
            if (isAccepted(result))
            {
                _completed.Set(key, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = remember });
            }
            return (result, false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<TResult>>>(key, lazy));
        }
    }

    public void Dispose() => _completed.Dispose();
}
