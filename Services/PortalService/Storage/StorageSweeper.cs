using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int Deleted, int KeptHeld, int PastColdAge);

/// <summary>
/// Enforces expiry itself on an S3 server without lifecycle rules (s3rver locally). It walks each bucket's folders
/// down to the day (<c>{tenant}/{day}/</c> for raw webhooks, <c>{tenant}/{mediaType}/{day}/</c> for media) and lists
/// only the days that are due, so a sweep reads the folder names plus what it deletes, not the whole archive. On
/// s3rver, whose delimited listings miss folders that hold only folders, the tenants the tenant service or the
/// portal's settings know and the media folders the transformers write are walked, so a removed tenant's objects
/// stay there until it is known again. Held
/// raw webhooks are kept. Cold storage is a no-op here (such a server has no storage classes); raw webhooks past their
/// cold age are only counted, and the run logs that.
/// </summary>
public sealed class StorageSweeper(IMinioClient s3, TimeProvider clock, ILogger<StorageSweeper> logger)
{
    public async Task<SweepResult> SweepAsync(TenantRetentions retentions, IReadOnlySet<string> held, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var total = new SweepResult(0, 0, 0);
        foreach (var (bucket, kind) in ObjectExpiry.Kinds)
        {
            if (!await s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct))
            {
                continue;
            }
            var swept = await WalkAsync(new Walk(bucket, kind, today, retentions, held), "", 0, ct);
            total = new(total.Deleted + swept.Deleted, total.KeptHeld + swept.KeptHeld, total.PastColdAge + swept.PastColdAge);
        }
        return total;
    }

    private sealed record Walk(string Bucket, BucketKind Kind, DateOnly Today, TenantRetentions Retentions, IReadOnlySet<string> Held);

    private async Task<SweepResult> WalkAsync(Walk walk, string prefix, int depth, CancellationToken ct)
    {
        var result = new SweepResult(0, 0, 0);
        var folders = await ListAsync(walk.Bucket, prefix, recursive: false, ct);
        // s3rver 3.7.1 names a folder in a delimited listing only when an object sits directly in it, so neither the
        // tenants at a bucket's root nor the media folders under a tenant appear: the ones we know are walked anyway.
        if (depth == 0)
        {
            folders = folders.Union(walk.Retentions.KnownTenants.Select(t => t + "/"), StringComparer.Ordinal).ToList();
        }
        else if (depth == 1 && walk.Kind == BucketKind.Media)
        {
            folders = folders.Union(ObjectExpiry.MediaFolders.Select(f => $"{prefix}{f}/"), StringComparer.Ordinal).ToList();
        }
        foreach (var folder in folders)
        {
            if (!folder.EndsWith('/'))
            {
                continue;
            }
            if (depth < ObjectExpiry.DateSegment(walk.Kind))
            {
                var below = await WalkAsync(walk, folder, depth + 1, ct);
                result = new(result.Deleted + below.Deleted, result.KeptHeld + below.KeptHeld, result.PastColdAge + below.PastColdAge);
                continue;
            }
            var segments = folder.Split('/');
            if (!ObjectExpiry.TryParseDay(segments[depth], out var day))
            {
                continue;
            }
            var tenant = segments[0];
            var action = ObjectExpiry.Decide(walk.Kind, day, walk.Today, walk.Retentions.StorageFor(tenant), walk.Retentions.HistoryDaysFor(tenant), held: false);
            if (action == ExpiryAction.Keep)
            {
                continue;
            }
            var keys = await ListAsync(walk.Bucket, folder, recursive: true, ct);
            if (action == ExpiryAction.Cold)
            {
                result = result with { PastColdAge = result.PastColdAge + keys.Count };
                continue;
            }
            foreach (var key in keys)
            {
                if (walk.Kind == BucketKind.RawWebhooks && LifecycleRules.IsHeld(walk.Held, walk.Bucket, key))
                {
                    result = result with { KeptHeld = result.KeptHeld + 1 };
                    continue;
                }
                try
                {
                    await s3.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(walk.Bucket).WithObject(key), ct);
                }
                catch (ObjectNotFoundException)
                {
                    // Gone meanwhile (a history erasure, another deleter): what we wanted.
                }
                result = result with { Deleted = result.Deleted + 1 };
            }
            logger.LogDebug("Swept {Bucket}/{Folder}: {Count} objects due", walk.Bucket, folder, keys.Count);
        }
        return result;
    }

    private async Task<List<string>> ListAsync(string bucket, string prefix, bool recursive, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var item in s3.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(recursive), ct))
        {
            keys.Add(item.Key);
        }
        return keys;
    }
}
