using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;

namespace WhatsAppGenesys.ServiceDefaults.Minio;

/// <summary>The buckets a service writes to; created on start if missing.</summary>
public sealed record S3Buckets(IReadOnlyList<string> Names);

/// <summary>
/// Creates the service's buckets in the background: the S3 server may be down at start, and a webhook service must
/// still take and queue messages then (seed 001: archiving failures are logged, not fatal). Retries until it succeeds.
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

internal sealed class S3HealthCheck(IMinioClient s3) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.ListBucketsAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("S3 server unreachable", ex);
        }
    }
}
