namespace WhatsAppGenesys.AppHost.Infrastructure;

/// <summary>
/// MinIO as a container, for publish mode (no MinIO hosting integration is published for this Aspire version). Its
/// connection string has the form the services read: <c>Endpoint=http://host:port;AccessKey=…;SecretKey=…</c>.
/// </summary>
public sealed class MinioContainerResource(string name, ParameterResource rootUser, ParameterResource rootPassword)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string ApiEndpointName = "http";

    public ParameterResource RootUser { get; } = rootUser;

    public ParameterResource RootPassword { get; } = rootPassword;

    public EndpointReference ApiEndpoint => new(this, ApiEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint={ApiEndpoint.Property(EndpointProperty.Url)};AccessKey={RootUser};SecretKey={RootPassword}");
}

public static class MinioContainerBuilderExtensions
{
    public static IResourceBuilder<MinioContainerResource> AddMinioContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var rootUser = builder.AddParameter($"{name}-root-user", new GenerateParameterDefault { MinLength = 12, Special = false }, secret: true);
        var rootPassword = builder.AddParameter($"{name}-root-password", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
        return builder.AddResource(new MinioContainerResource(name, rootUser.Resource, rootPassword.Resource))
            .WithImage("minio/minio", "latest")
            .WithImageRegistry("docker.io")
            .WithArgs("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", rootUser)
            .WithEnvironment("MINIO_ROOT_PASSWORD", rootPassword)
            .WithVolume($"{name}-data", "/data")
            .WithHttpEndpoint(targetPort: 9000, name: MinioContainerResource.ApiEndpointName)
            .WithHttpHealthCheck("/minio/health/live");
    }
}
