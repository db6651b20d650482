// AppHost-only helpers that keep Program.cs a flat, readable model.
internal static class Extensions
{
    /// <summary>What every message-flow service uses: cache/idempotency (Redis), the bus (RabbitMQ), media (S3).</summary>
    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<RedisResource> redis,
        IResourceBuilder<RabbitMQServerResource> rabbitmq,
        IResourceBuilder<S3ServerResource> minio) =>
        project
            .WithReference(redis).WaitFor(redis)
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithReference(minio).WaitFor(minio);

    /// <summary>Service discovery entries for each service, started only once that service is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithReferences(
        this IResourceBuilder<ProjectResource> project,
        params IResourceBuilder<ProjectResource>[] services)
    {
        foreach (var service in services)
        {
            project.WithReference(service).WaitFor(service);
        }
        return project;
    }
}
