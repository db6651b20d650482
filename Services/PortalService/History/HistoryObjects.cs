using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Deletes the objects history rows point at (media, archived webhooks). S3 deletes are idempotent: an object already
/// gone, or a bucket never created, counts as deleted, so a retried erasure or sweep finishes instead of failing.
/// </summary>
public sealed class HistoryObjects(IMinioClient s3, ILogger<HistoryObjects> logger)
{
    /// <summary>Deletes each distinct object once; returns how many distinct objects were deleted.</summary>
    public async Task<int> DeleteAsync(IEnumerable<(string? Bucket, string? Key)> objects, CancellationToken ct)
    {
        var distinct = objects.Where(o => o.Bucket is { Length: > 0 } && o.Key is { Length: > 0 }).Distinct().ToList();
        foreach (var (bucket, key) in distinct)
        {
            try
            {
                await s3.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), ct);
            }
            catch (Exception ex) when (ex is BucketNotFoundException or ObjectNotFoundException)
            {
                logger.LogDebug("{Bucket}/{Key} was already gone", bucket, key);
            }
        }
        return distinct.Count;
    }
}
