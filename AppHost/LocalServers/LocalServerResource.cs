using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsAppGenesys.AppHost.LocalServers;

/// <summary>
/// A server run as a local process by DCP (no container engine needed): PostgreSQL, Redis and RabbitMQ from Debian's
/// packages, s3rver from npm. It listens on 127.0.0.1 on its own port and publishes the connection string the
/// services read (<c>ConnectionStrings__&lt;name&gt;</c>).
/// </summary>
public abstract class LocalServerResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public int Port { get; } = port;

    public abstract ReferenceExpression ConnectionStringExpression { get; }

    /// <summary>True once the server serves clients (not merely once its process runs): what <c>WaitFor</c> waits for.</summary>
    public abstract Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}

public static class LocalServerBuilderExtensions
{
    /// <summary>
    /// Adds the server with its endpoint (not proxied: clients talk to the server itself) and a health check, so a
    /// resource that waits for it starts once it is ready. Local servers are a run-mode concern: never in the manifest.
    /// </summary>
    public static IResourceBuilder<T> AddLocalServer<T>(this IDistributedApplicationBuilder builder, T server) where T : LocalServerResource
    {
        var healthCheckKey = $"{server.Name}_ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async ct =>
            await server.IsReadyAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{server.Name} does not serve clients yet"));
        return builder.AddResource(server)
            .WithEndpoint(port: server.Port, targetPort: server.Port, scheme: "tcp", name: LocalServerResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }
}
