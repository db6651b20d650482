using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.RateLimiting;

namespace WhatsAppGenesys.WhatsAppApi.Sending;

/// <summary>
/// Meta's throughput is per phone number (80 messages/s by default), shared by every replica of every service that
/// sends from it, so the count lives in Redis (<see cref="TenantRateLimiter"/>, one-second windows). Over the limit a
/// send waits for the next window, up to <see cref="WhatsAppApiOptions.MaxThrottleWait"/>; past that the caller is
/// told when to come back.
/// </summary>
public sealed class PhoneNumberThroughput(TenantRateLimiter limiter, IOptions<Graph.WhatsAppApiOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>Null once a slot is taken; otherwise how long the caller should wait before trying again.</summary>
    public async Task<TimeSpan?> AcquireAsync(string tenantId, string phoneNumberId, CancellationToken ct)
    {
        var settings = options.Value;
        var waited = TimeSpan.Zero;
        while (true)
        {
            var wait = await limiter.TryAcquireAsync($"whatsapp:{phoneNumberId}", tenantId, settings.MessagesPerSecondPerPhoneNumber, Window);
            if (wait is null)
            {
                return null;
            }
            // A little jitter so the senders that waited for this window do not all arrive in its first millisecond.
            var pause = wait.Value + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 50));
            if (waited + pause > settings.MaxThrottleWait)
            {
                return pause;
            }
            await Task.Delay(pause, clock, ct);
            waited += pause;
        }
    }
}
