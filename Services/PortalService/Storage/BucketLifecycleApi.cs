using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ILM;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>The S3 calls the lifecycle makes on a bucket; a seam so the choice between rules and sweeper can be tested against a fake server's answers.</summary>
public interface IBucketLifecycleApi
{
    Task<bool> BucketExistsAsync(string bucket, CancellationToken ct);

    Task SetLifecycleAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct);

    Task EnableVersioningAsync(string bucket, CancellationToken ct);

    /// <summary>The bucket's versioning status as the server reports it ("Enabled", "Suspended", or empty).</summary>
    Task<string?> GetVersioningAsync(string bucket, CancellationToken ct);
}

internal sealed class MinioBucketLifecycleApi(IMinioClient s3) : IBucketLifecycleApi
{
    public Task<bool> BucketExistsAsync(string bucket, CancellationToken ct) =>
        s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct);

    public Task SetLifecycleAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct) =>
        s3.SetBucketLifecycleAsync(new SetBucketLifecycleArgs().WithBucket(bucket).WithLifecycleConfiguration(configuration), ct);

    public Task EnableVersioningAsync(string bucket, CancellationToken ct) =>
        s3.SetVersioningAsync(new SetVersioningArgs().WithBucket(bucket).WithVersioningEnabled(), ct);

    public async Task<string?> GetVersioningAsync(string bucket, CancellationToken ct) =>
        (await s3.GetVersioningAsync(new GetVersioningArgs().WithBucket(bucket), ct))?.Status;
}
