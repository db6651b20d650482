using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>Runs <see cref="AgentRoleSync"/> on its schedule (<see cref="AgentSessionOptions.RoleSyncInterval"/>).</summary>
public sealed class AgentRoleSyncService(
    IServiceScopeFactory scopes,
    IOptions<AgentSessionOptions> options,
    TimeProvider time,
    ILogger<AgentRoleSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RoleSyncInterval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AgentRoleSync>().RunAsync(stoppingToken);
                logger.LogInformation("Agent role sync: {Checked} checked, {Deactivated} deactivated, {Failed} failed",
                    result.Checked, result.Deactivated, result.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next run tries again; an agent's access never depends on one run succeeding.
                logger.LogWarning(ex, "Agent role sync failed");
            }
        }
    }
}
