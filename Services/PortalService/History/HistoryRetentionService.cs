using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>Runs <see cref="HistoryRetention"/> every <see cref="HistoryRetentionOptions.Interval"/>; a failed sweep is tried again at the next tick.</summary>
public sealed class HistoryRetentionService(
    IServiceScopeFactory scopes,
    IOptions<HistoryOptions> options,
    TimeProvider clock,
    ILogger<HistoryRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        if (!retention.Enabled)
        {
            logger.LogInformation("History retention is disabled");
            return;
        }
        using var timer = new PeriodicTimer(retention.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<HistoryRetention>().SweepAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("History retention deleted {Count} messages", deleted);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "History retention sweep failed; next attempt in {Interval}", retention.Interval);
            }
        }
    }
}
