using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// The campaign scheduler, a hosted service inside portal-service (docs/portal.md says why not a worker of its own):
/// every <see cref="CampaignOptions.PollInterval"/>, and at once when this process's API creates or resumes a campaign
/// (<see cref="CampaignWakeUp"/>), it claims due campaigns up to <see cref="CampaignOptions.MaxConcurrentCampaigns"/>
/// and runs each in a scope of its own. Replicas share the work through the lease on the campaign row; a campaign
/// interrupted anyhow is claimed again when its lease runs out.
/// </summary>
public sealed class CampaignScheduler(
    IServiceScopeFactory scopes,
    CampaignWakeUp wakeUp,
    IOptions<CampaignOptions> options,
    TimeProvider clock,
    ILogger<CampaignScheduler> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("The campaign scheduler is disabled");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            wakeUp.Reset();
            try
            {
                while (_running.Count < settings.MaxConcurrentCampaigns && await ClaimAsync(stoppingToken) is { } id)
                {
                    // A lease this process let run out (its runner was held up) comes back to it: the claim renewed
                    // it, and the runner it has goes on; a second one beside it would only get in its way.
                    if (!_running.ContainsKey(id))
                    {
                        _running[id] = Task.Run(() => RunAsync(id, stoppingToken), CancellationToken.None);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Claiming campaigns failed; trying again in {Interval}", settings.PollInterval);
            }
            try
            {
                await wakeUp.WaitAsync(settings.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Each runner gives its lease back as it stops, so another replica need not wait for it to run out.
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: the leases left behind run out by themselves.
        }
    }

    private async Task<Guid?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignLease>().ClaimAsync(_owner, options.Value.LeaseDuration, ct);
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CampaignRunner>().RunAsync(id, _owner, ct);
        }
        catch (Exception ex)
        {
            if (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Campaign {CampaignId} stopped on an error; it is taken up again at a later poll", id);
            }
            await ReleaseAsync(id);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private async Task ReleaseAsync(Guid id)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CampaignLease>().ReleaseAsync(id, _owner, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not give campaign {CampaignId} back; its lease runs out by itself", id);
        }
    }
}
