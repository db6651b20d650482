using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minio;

namespace WhatsAppGenesys.Clients.Storage;

/// <summary>Healthy when the S3 server answers a bucket listing.</summary>
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
