using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.AlertService.Evaluation;

/// <summary>
/// Runs each rule through <see cref="AlertEvaluator"/> every <see cref="AlertingOptions.EvaluationInterval"/>, each
/// rule on its own clock, and sends again the notifications that failed and are due; every round in its own DI scope.
/// Rules do not wait for one another: the parked-messages rule can wait up to 30 s for a parking queue that an
/// operator's page is reading, and a rule over a short window (signature failures, send errors) evaluated only after
/// it would miss what happened meanwhile.
/// </summary>
public sealed class AlertEvaluationService(
    IEnumerable<IAlertRule> rules,
    IServiceScopeFactory scopes,
    IOptions<AlertingOptions> options,
    ILogger<AlertEvaluationService> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(rules
            .Select(rule => EveryIntervalAsync(rule.Name,
                services => services.GetRequiredService<AlertEvaluator>().EvaluateAsync(rule, stoppingToken), stoppingToken))
            .Append(EveryIntervalAsync("notification retries",
                services => services.GetRequiredService<Notifications.AlertNotifier>().RetryFailedAsync(stoppingToken), stoppingToken)));

    private async Task EveryIntervalAsync(string what, Func<IServiceProvider, Task> round, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await round(scope.ServiceProvider);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database unreachable, say: try again next round rather than stop alerting for good.
                logger.LogError(ex, "Alert evaluation of {What} failed; trying again in {Interval}", what, options.Value.EvaluationInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
