using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minio;
using WhatsAppGenesys.ServiceDefaults.Configuration;
using WhatsAppGenesys.ServiceDefaults.Minio;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// An S3/MinIO client integration in the shape of CommunityToolkit.Aspire.Minio.Client: connection string
/// <c>Endpoint=http://host:port;AccessKey=…;SecretKey=…</c>, a singleton <see cref="IMinioClient"/>, the service's
/// buckets ensured on start, and a health check. Plain S3 calls only, so any S3 server works.
/// </summary>
public static class MinioClientExtensions
{
    private const string Format = "Endpoint=http://host:port;AccessKey=…;SecretKey=…";

    public static IHostApplicationBuilder AddMinioClient(this IHostApplicationBuilder builder, string connectionName, params string[] buckets)
    {
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format);
        var parts = ResourceConnectionStrings.ParseKeyValue(connectionName, connectionString, Format);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) ||
            !parts.TryGetValue("AccessKey", out var accessKey) || !parts.TryGetValue("SecretKey", out var secretKey))
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }

        builder.Services.AddSingleton<IMinioClient>(_ => new MinioClient()
            .WithEndpoint(endpointUri.Host, endpointUri.Port)
            .WithCredentials(accessKey, secretKey)
            .WithSSL(endpointUri.Scheme == Uri.UriSchemeHttps)
            // A fixed region avoids a GetBucketLocation round trip before every first call to a bucket.
            .WithRegion(parts.TryGetValue("Region", out var region) ? region : "us-east-1")
            .WithTimeout(10_000)
            .Build());
        builder.Services.AddSingleton(new S3Buckets(buckets));
        builder.Services.AddHostedService<EnsureBucketsOnStartup>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new S3HealthCheck(sp.GetRequiredService<IMinioClient>()),
            HealthStatus.Unhealthy,
            ["ready", "s3"],
            TimeSpan.FromSeconds(3)));
        return builder;
    }
}
