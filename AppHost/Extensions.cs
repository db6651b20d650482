using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.AppHost.Infrastructure;

// AppHost-only helpers that keep Program.cs a flat, readable model.
internal static class Extensions
{
    /// <summary>
    /// A service of ours: its HTTP endpoint on the model's port (DCP's proxy listens there and spreads requests over
    /// the replicas), and its <c>/health</c> as the readiness that <c>WaitFor</c> waits for. Launch profiles are not
    /// used: the model is the one place that says how a service runs. When run, a service shares the AppHost's
    /// environment (Development under ./run.sh and in tests); a published one runs as Production.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name, int port)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http")
            .WithHttpHealthCheck("/health");
        return builder.ExecutionContext.IsPublishMode
            // A deployment keeps one trace in ten, decided where the trace starts and followed by every service it
            // reaches (W3C trace context carries the decision), so a kept trace is whole. Recording every span is work
            // for every service and the collector on every message (docs/benchmarks.md has what it measured); alerts
            // and figures come from metrics and counters, never from traces. An operator changes the ratio here or
            // in the deployment's environment. Run mode keeps every trace for the dashboard.
            ? service
                .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", "0.1")
            : service
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                // In Development Aspire has every process export its metrics, spans and logs to the dashboard once a
                // second; with a dozen processes that is most of what an idle system does. Metrics every ten seconds
                // keep the dashboard's charts live enough, and spans and logs every five its traces and log views.
                .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "10000")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "5000")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "5000");
    }

    /// <summary>What every message-flow service uses: cache/idempotency (Redis), the bus (RabbitMQ), media (S3).</summary>
    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString> redis,
        IResourceBuilder<IResourceWithConnectionString> rabbitmq,
        IResourceBuilder<IResourceWithConnectionString> minio) =>
        project
            .WithReference(redis).WaitFor(redis)
            .WithBroker(rabbitmq)
            .WithReference(minio).WaitFor(minio);

    /// <summary>
    /// RabbitMQ, with the queue type every service must declare the pipelines with (Messaging:QueueType): a queue
    /// keeps the type it was created with, so one service declaring another type stops with an error.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBroker(
        this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString> rabbitmq) =>
        project
            .WithReference(rabbitmq).WaitFor(rabbitmq)
            .WithEnvironment("Messaging__QueueType", project.ApplicationBuilder.RabbitMQQueueType());

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

    /// <summary>A URL on a service's HTTP endpoint, e.g. where a simulator posts its webhooks.</summary>
    public static ReferenceExpression UrlOf(this IResourceBuilder<ProjectResource> project, string path) =>
        ReferenceExpression.Create($"{project.GetEndpoint("http")}{path}");

    /// <summary>
    /// Extra environment from the AppHost's configuration, applied last so it wins: <c>AppHost:Environment:&lt;VAR&gt;</c>
    /// for every service, <c>AppHost:Resources:&lt;name&gt;:Environment:&lt;VAR&gt;</c> for one. Operators tune a
    /// deployment with it (log levels, limits) and tests and the benchmark use it to switch on their probes.
    /// </summary>
    public static void ApplyConfiguredEnvironment(this IDistributedApplicationBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            var resource = builder.CreateResourceBuilder(project);
            var variables = builder.Configuration.GetSection("AppHost:Environment").GetChildren()
                .Concat(builder.Configuration.GetSection($"AppHost:Resources:{project.Name}:Environment").GetChildren());
            foreach (var variable in variables)
            {
                resource.WithEnvironment(variable.Key, variable.Value ?? "");
            }
        }
    }
}
