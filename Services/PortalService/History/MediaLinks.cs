using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>Short-lived presigned GET links for the history's media, made when a page is read (signing is local, no S3 call).</summary>
public sealed class MediaLinks(IMinioClient s3, IOptions<HistoryOptions> options, TimeProvider clock)
{
    public async Task<HistoryMediaView?> ForAsync(HistoryMessageRow row)
    {
        if (row.MediaBucket is not { } bucket || row.MediaKey is not { } key)
        {
            return null;
        }
        var lifetime = options.Value.MediaLinkLifetime;
        var url = await s3.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key)
            .WithExpiry((int)lifetime.TotalSeconds));
        return new HistoryMediaView(url, clock.GetUtcNow() + lifetime, row.MediaMimeType ?? "application/octet-stream",
            row.MediaFilename, row.MediaCaption, row.MediaSize);
    }
}
