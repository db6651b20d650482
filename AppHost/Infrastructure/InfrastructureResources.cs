using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.AppHost.LocalServers;

namespace WhatsAppGenesys.AppHost.Infrastructure;

/// <summary>
/// The servers the services use, each in the form that fits how the AppHost runs:
/// <list type="bullet">
/// <item>publish mode (<c>--publisher manifest</c>): Aspire's own container integrations, so the manifest deploys to
/// Kubernetes (aspirate) or Azure Container Apps (azd);</item>
/// <item>run mode with <c>ConnectionStrings:&lt;name&gt;</c> configured: that server, used as given (managed
/// infrastructure); nothing is started for it;</item>
/// <item>run mode otherwise: a local process from Debian's packages (npm for S3), since no container engine runs here.</item>
/// </list>
/// The resource names, and so the connection-string names the services read, are the same in every form.
/// </summary>
public static class InfrastructureResources
{
    public static PostgresServer AddPostgresServer(this IDistributedApplicationBuilder builder, string name, int port)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            var container = builder.AddPostgres(name).WithDataVolume();
            return new PostgresServer(database => builder.AsConnectionString(container.AddDatabase(database)));
        }
        var server = builder.IsConfigured(name)
            ? builder.AddConnectionString(name)
            : builder.AsConnectionString(builder.AddLocalPostgres(name, LocalPorts.Choose(builder, port)));
        return new PostgresServer(database => builder.AsConnectionString(builder.AddPostgresDatabase(server.Resource, database)));
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.ExecutionContext.IsPublishMode ? builder.AsConnectionString(builder.AddRedis(name))
        : builder.IsConfigured(name) ? builder.AddConnectionString(name)
        : builder.AsConnectionString(builder.AddLocalRedis(name, LocalPorts.Choose(builder, port)));

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMQServer(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.ExecutionContext.IsPublishMode ? builder.AsConnectionString(builder.AddRabbitMQ(name).WithDataVolume())
        : builder.IsConfigured(name) ? builder.AddConnectionString(name)
        : builder.AsConnectionString(builder.AddLocalRabbitMQ(name, LocalPorts.Choose(builder, port), builder.RabbitMQNodes()));

    /// <summary><c>AppHost:RabbitMQ:Nodes</c>: how many local RabbitMQ nodes run as one cluster (1 by default).</summary>
    public static int RabbitMQNodes(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("AppHost:RabbitMQ:Nodes", 1);

    /// <summary>
    /// <c>AppHost:RabbitMQ:QueueType</c>, given to every service as <c>Messaging:QueueType</c>: quorum by default for a
    /// local cluster (replicated, so a node can go), classic for a single node (cheapest where nothing replicates).
    /// </summary>
    public static string RabbitMQQueueType(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["AppHost:RabbitMQ:QueueType"] ?? (builder.RabbitMQNodes() > 1 ? "Quorum" : "Classic");

    /// <summary>S3: MinIO in publish mode, s3rver locally. The services speak plain S3 to either.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddS3Server(this IDistributedApplicationBuilder builder, string name, int port) =>
        builder.ExecutionContext.IsPublishMode ? builder.AsConnectionString(builder.AddMinioContainer(name))
        : builder.IsConfigured(name) ? builder.AddConnectionString(name)
        : builder.AsConnectionString(builder.AddLocalS3(name, LocalPorts.Choose(builder, port)));

    private static bool IsConfigured(this IDistributedApplicationBuilder builder, string name) =>
        !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name));

    private static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(this IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(resource.Resource);
}

/// <summary>A PostgreSQL server in whichever form it runs; the services only ever reference its databases.</summary>
public sealed class PostgresServer(Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => addDatabase(name);
}
