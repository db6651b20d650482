using System.Diagnostics;

namespace WhatsAppGenesys.Benchmarks.Load;

/// <summary>
/// Offers requests at a fixed rate whatever the system answers (an open loop, as Meta and customers do), with at
/// most <c>maxInFlight</c> outstanding. When the system is slower than the rate, requests start late: the lag is
/// reported, so "offered" never silently becomes "what the system let us send".
/// </summary>
public static class OpenLoop
{
    /// <summary>Starts <paramref name="total"/> sends, request i at i / <paramref name="rate"/> seconds.</summary>
    public static async Task<OpenLoopResult> RunAsync(int rate, long total, int maxInFlight,
        Func<long, Task> send, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var clock = Stopwatch.StartNew();
        var maxLag = TimeSpan.Zero;
        long failures = 0;

        for (long next = 0; next < total && !cancellationToken.IsCancellationRequested;)
        {
            var now = clock.Elapsed;
            var due = TimeSpan.FromSeconds((double)next / rate);
            if (due > now)
            {
                // Task.Delay wakes about a millisecond late: fine, the next pass sends everything that fell due.
                await Task.Delay(due - now < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : due - now, cancellationToken);
                continue;
            }
            while (next < total && TimeSpan.FromSeconds((double)next / rate) <= clock.Elapsed)
            {
                await slots.WaitAsync(cancellationToken);
                var lag = clock.Elapsed - TimeSpan.FromSeconds((double)next / rate);
                if (lag > maxLag)
                {
                    maxLag = lag;
                }
                _ = RunOneAsync(next++);
            }
        }
        var sendingTook = clock.Elapsed;

        // Wait for the stragglers (bounded: the HTTP timeout ends every request).
        for (var i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync(cancellationToken);
        }
        return new OpenLoopResult(total, sendingTook, maxLag, Interlocked.Read(ref failures));

        async Task RunOneAsync(long index)
        {
            try
            {
                await send(index);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}

/// <param name="Failures">Sends that threw (connection refused, timeout); non-2xx answers are counted by the caller.</param>
public sealed record OpenLoopResult(long Offered, TimeSpan SendingTook, TimeSpan MaxLag, long Failures);
