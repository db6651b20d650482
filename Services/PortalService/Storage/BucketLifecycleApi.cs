using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ILM;
using Minio.Exceptions;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>The S3 calls the lifecycle makes on a bucket; a seam so the choice between rules and sweeper can be tested against a fake server's answers.</summary>
/// <remarks>
/// A server that answers and says no to a feature throws <see cref="S3FeatureRefusedException"/>; not reaching the
/// server (connection failures, timeouts) throws what the transport threw, and decides nothing.
/// </remarks>
public interface IBucketLifecycleApi
{
    Task<bool> BucketExistsAsync(string bucket, CancellationToken ct);

    Task SetLifecycleAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct);

    Task EnableVersioningAsync(string bucket, CancellationToken ct);

    /// <summary>The bucket's versioning status as the server reports it ("Enabled", "Suspended", or empty).</summary>
    Task<string?> GetVersioningAsync(string bucket, CancellationToken ct);
}

/// <summary>The server answered the request with an S3 error: it does not support what was asked.</summary>
public sealed class S3FeatureRefusedException(string message, Exception inner) : Exception(message, inner);

internal sealed class MinioBucketLifecycleApi(IMinioClient s3) : IBucketLifecycleApi
{
    public Task<bool> BucketExistsAsync(string bucket, CancellationToken ct) =>
        s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct);

    public Task SetLifecycleAsync(string bucket, LifecycleConfiguration configuration, CancellationToken ct) =>
        RefusalsTranslated(() => s3.SetBucketLifecycleAsync(new SetBucketLifecycleArgs().WithBucket(bucket).WithLifecycleConfiguration(configuration), ct));

    public Task EnableVersioningAsync(string bucket, CancellationToken ct) =>
        RefusalsTranslated(() => s3.SetVersioningAsync(new SetVersioningArgs().WithBucket(bucket).WithVersioningEnabled(), ct));

    public async Task<string?> GetVersioningAsync(string bucket, CancellationToken ct) =>
        (await s3.GetVersioningAsync(new GetVersioningArgs().WithBucket(bucket), ct))?.Status;

    /// <summary>
    /// Minio 7 reports S3 error answers as its own exceptions, except S3's <c>NotImplemented</c> (s3rver's answer to a
    /// lifecycle configuration), which it maps to .NET's NotImplementedException, as its API documents; and it throws
    /// InvalidOperationException for an answer it cannot parse. All three mean the server answered and said no.
    /// </summary>
    private static async Task RefusalsTranslated(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is NotImplementedException or MinioException or InvalidOperationException
            && ex is not ConnectionException)
        {
            throw new S3FeatureRefusedException(ex.Message, ex);
        }
    }
}
