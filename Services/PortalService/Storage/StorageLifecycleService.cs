using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>
/// Runs <see cref="StorageLifecycleRun"/> every <see cref="StorageLifecycleOptions.Interval"/> on one replica at a
/// time: each run first takes a Redis lock (SET NX with an expiry, released by its owner), so replicas never sweep
/// together, and a replica that dies mid-run frees it after <see cref="StorageLifecycleOptions.LockTimeout"/>. Without
/// Redis no run happens; the next tick tries again.
/// </summary>
public sealed class StorageLifecycleService(
    IServiceScopeFactory scopes,
    IConnectionMultiplexer redis,
    IOptions<StorageLifecycleOptions> options,
    TimeProvider clock,
    ILogger<StorageLifecycleService> logger) : BackgroundService
{
    public const string LockKey = "storage:lifecycle-lock";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Storage lifecycle is disabled");
            return;
        }
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        using var timer = new PeriodicTimer(settings.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var db = redis.GetDatabase();
                if (!await db.LockTakeAsync(LockKey, owner, settings.LockTimeout))
                {
                    logger.LogDebug("Storage lifecycle runs on another replica this time");
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<StorageLifecycleRun>().RunAsync(stoppingToken);
                }
                finally
                {
                    await db.LockReleaseAsync(LockKey, owner);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Storage lifecycle run failed; next attempt in {Interval}", settings.Interval);
            }
        }
    }
}
