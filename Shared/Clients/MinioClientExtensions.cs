using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minio;
using WhatsAppGenesys.Clients.Storage;
using WhatsAppGenesys.ServiceDefaults.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The S3 client (MinIO in production) for the services that archive webhooks or keep media. No Aspire client
/// integration exists for it, so this one is ours, in the same shape: connection string
/// <c>Endpoint=http://host:port;AccessKey=…;SecretKey=…</c>, a singleton <see cref="IMinioClient"/>, the service's
/// buckets ensured on start, and a health check named after the resource. Plain S3 calls only, so any S3 server works.
/// </summary>
public static class MinioClientExtensions
{
    private const string Format = "Endpoint=http://host:port;AccessKey=…;SecretKey=…";

    public static IHostApplicationBuilder AddMinioClient(this IHostApplicationBuilder builder, string connectionName, params string[] buckets)
    {
        var connectionString = ResourceConnectionStrings.Require(builder.Configuration, connectionName, Format);
        var parts = ParseKeyValue(connectionName, connectionString);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) ||
            !parts.TryGetValue("AccessKey", out var accessKey) || !parts.TryGetValue("SecretKey", out var secretKey))
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }

        builder.Services.AddSingleton<IMinioClient>(_ => new MinioClient()
            .WithEndpoint(endpointUri.Host, endpointUri.Port)
            // Our own HttpClient so s3rver's listings can be read (S3rverListingNamespace); not from IHttpClientFactory,
            // whose default resilience handler would add retries on top of the archive's own.
            .WithHttpClient(new HttpClient(new S3rverListingNamespace
            {
                InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) },
            })
            {
                Timeout = TimeSpan.FromSeconds(10),
            }, disposeHttpClient: true)
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

    private static Dictionary<string, string> ParseKeyValue(string connectionName, string connectionString)
    {
        try
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return parsed.Keys.Cast<string>().ToDictionary(k => k, k => parsed[k]?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            throw ResourceConnectionStrings.Malformed(connectionName, Format);
        }
    }
}
