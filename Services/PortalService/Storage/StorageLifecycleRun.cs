using Microsoft.Extensions.Options;
using WhatsAppGenesys.Messaging.Archiving;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>
/// One run: read every tenant's retention and the held archives, then either (re)apply the S3 lifecycle rules and
/// versioning to each bucket, or sweep. The path is decided by the first run whose buckets answer and kept for the
/// life of the process; on the rules path every run re-applies the rules, so retention changes and holds reach S3
/// within one interval.
/// </summary>
public sealed class StorageLifecycleRun(
    TenantRetentionsReader retentionsReader,
    ArchiveHolds holds,
    LifecycleProbe probe,
    StorageSweeper sweeper,
    StorageLifecycleStatus status,
    TimeProvider clock,
    IOptions<StorageLifecycleOptions> options,
    ILogger<StorageLifecycleRun> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var retentions = await retentionsReader.ReadAsync(ct);
        var held = await holds.ReadAllAsync(ct);
        var previous = status.Current;
        var (path, reason) = previous.Path == LifecyclePath.Sweeper
            ? (previous.Path, previous.Reason)
            : await ApplyRulesAsync(retentions, held, ct);
        if (path != previous.Path)
        {
            logger.LogInformation("Storage lifecycle: {Path} ({Reason})", path.Describe(), reason);
        }

        SweepResult? swept = null;
        // Until a server has answered, sweeping is the safe default: it enforces the same expiry the rules would.
        if (path != LifecyclePath.S3Rules)
        {
            swept = await sweeper.SweepAsync(retentions, held, ct);
            if (swept.Deleted > 0 || swept.KeptHeld > 0)
            {
                logger.LogInformation("Storage sweep deleted {Deleted} objects and kept {Held} held archived webhooks", swept.Deleted, swept.KeptHeld);
            }
            if (swept.PastColdAge > 0)
            {
                logger.LogDebug("{Count} raw webhooks are past their cold age; cold storage is a no-op on this S3 server", swept.PastColdAge);
            }
        }
        status.Update(new(path, reason, clock.GetUtcNow(), swept));
    }

    private async Task<(LifecyclePath, string)> ApplyRulesAsync(TenantRetentions retentions, IReadOnlySet<string> held, CancellationToken ct)
    {
        var results = new List<ProbeResult>();
        foreach (var (bucket, kind) in ObjectExpiry.Kinds)
        {
            var configuration = LifecycleRules.For(bucket, kind, retentions, held, options.Value);
            if (configuration.Rules.Count == 0)
            {
                results.Add(new(LifecyclePath.Unknown, "no tenants yet"));
                continue;
            }
            var result = await probe.ApplyAsync(bucket, configuration, ct);
            results.Add(result);
            if (result.Path == LifecyclePath.Sweeper)
            {
                break;
            }
        }
        return LifecycleProbe.Combine(results);
    }
}
