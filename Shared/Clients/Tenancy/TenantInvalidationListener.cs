using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.Clients.Tenancy;

/// <summary>
/// Subscribes to the tenant service's invalidation channel and fans each message out to every in-process cache
/// (tenant directory, token providers). Pub/sub is fire-and-forget, so when the connection drops and comes back,
/// every observer clears everything: a missed message must not leave a deactivated tenant cached.
/// </summary>
public sealed class TenantInvalidationListener(
    IEnumerable<ITenantInvalidationObserver> observers,
    ILogger<TenantInvalidationListener> logger,
    IConnectionMultiplexer? redis = null) : IHostedService, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ITenantInvalidationObserver[] _observers = [.. observers];

    private readonly CancellationTokenSource _stopping = new();

    // Subscribed before the host reports started (so a ready service is already listening); if Redis is not up yet,
    // keep trying in the background instead of blocking start-up.
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            logger.LogWarning("No Redis connection registered: tenant caches expire by TTL only, without instant invalidation");
            return;
        }
        redis.ConnectionFailed += (_, _) => Interrupted();
        redis.ConnectionRestored += (_, _) => Interrupted();
        if (!await TrySubscribeAsync())
        {
            _ = RetrySubscribeAsync(_stopping.Token);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetrySubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            while (!await TrySubscribeAsync());
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            // The multiplexer re-subscribes by itself after a reconnect; this is needed once.
            await redis!.GetSubscriber().SubscribeAsync(RedisChannel.Literal(TenancyKeys.InvalidationChannel), (_, message) => Dispatch(message));
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not subscribe to tenant invalidations yet ({Reason}); retrying", ex.Message);
            return false;
        }
    }

    private void Dispatch(RedisValue message)
    {
        TenantInvalidation? invalidation;
        try
        {
            invalidation = JsonSerializer.Deserialize<TenantInvalidation>(message.ToString(), Json);
        }
        catch (JsonException)
        {
            logger.LogWarning("Ignoring a malformed tenant invalidation message");
            return;
        }
        if (invalidation is null)
        {
            return;
        }
        foreach (var observer in _observers)
        {
            observer.OnTenantInvalidated(invalidation);
        }
    }

    private void Interrupted()
    {
        foreach (var observer in _observers)
        {
            observer.OnInvalidationFeedInterrupted();
        }
    }
}
