using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;

namespace WhatsAppGenesys.Clients.Storage;

/// <summary>The buckets a service writes to; created on start if missing.</summary>
public sealed record S3Buckets(IReadOnlyList<string> Names);

/// <summary>
/// Creates the service's buckets in the background, retrying until it succeeds: the S3 server may be down at start,
/// and a webhook service must still take and queue messages then (archiving failures are logged, never fatal).
/// </summary>
internal sealed class EnsureBucketsOnStartup(IMinioClient s3, S3Buckets buckets, ILogger<EnsureBucketsOnStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = buckets.Names.ToList();
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var bucket in pending.ToList())
            {
                try
                {
                    if (!await s3.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), stoppingToken))
                    {
                        await s3.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), stoppingToken);
                        logger.LogInformation("Created bucket {Bucket}", bucket);
                    }
                    pending.Remove(bucket);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Cannot ensure bucket {Bucket} yet: {Reason}", bucket, ex.Message);
                }
            }
            if (pending.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
