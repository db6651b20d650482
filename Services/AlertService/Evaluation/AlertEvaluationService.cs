using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>
/// Runs <see cref="AlertEvaluator"/> every <see cref="AlertingOptions.EvaluationInterval"/>, then sends again the
/// notifications that failed and are due; each round in its own DI scope.
/// </summary>
public sealed class AlertEvaluationService(IServiceScopeFactory scopes, IOptions<AlertingOptions> options, ILogger<AlertEvaluationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AlertEvaluator>().EvaluateAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Notifications.AlertNotifier>().RetryFailedAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database unreachable, say: try again next round rather than stop alerting for good.
                logger.LogError(ex, "Alert evaluation failed; trying again in {Interval}", options.Value.EvaluationInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
