using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Admin;
using WhatsAppGenesys.Messaging.Archiving;
using WhatsAppGenesys.Messaging.Consuming;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Holds;
using WhatsAppGenesys.Messaging.Publishing;
using WhatsAppGenesys.Messaging.Topology;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the shared reliable-messaging mechanism (see docs/messaging.md).</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Lets this service publish into <paramref name="pipeline"/> with <see cref="PipelinePublisher"/> (and use the
    /// admin operations). Declares the pipeline's topology. Requires <c>AddRabbitMQConnection</c> first.
    /// </summary>
    public static IHostApplicationBuilder AddPipelinePublisher(this IHostApplicationBuilder builder, string pipeline, Action<PipelineOptions>? configure = null)
    {
        AddPipeline(builder, pipeline, configure);
        return builder;
    }

    /// <summary>
    /// Lets this service publish conversation history events (<see cref="IConversationHistoryPublisher"/>) into
    /// <see cref="WhatsAppGenesys.Contracts.Events.Pipelines.History"/>. Requires <c>AddRabbitMQConnection</c> first.
    /// </summary>
    public static IHostApplicationBuilder AddConversationHistoryPublisher(this IHostApplicationBuilder builder)
    {
        builder.AddPipelinePublisher(WhatsAppGenesys.Contracts.Events.Pipelines.History);
        builder.Services.TryAddSingleton<IConversationHistoryPublisher, ConversationHistoryPublisher>();
        return builder;
    }

    /// <summary>
    /// Consumes <paramref name="pipeline"/> with raw-body handler <typeparamref name="THandler"/> (resolved from a DI
    /// scope per message; registered scoped unless already registered). Declares the topology and starts one consumer
    /// per partition in a background service. Requires <c>AddRabbitMQConnection</c> first; uses Redis for hold state
    /// when an <see cref="IConnectionMultiplexer"/> is registered.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineConsumer<THandler>(this IHostApplicationBuilder builder, string pipeline, Action<PipelineOptions>? configure = null)
        where THandler : class, IMessageHandler
    {
        builder.Services.TryAddScoped<THandler>();
        return AddConsumer(builder, pipeline, configure, sp => sp.GetRequiredService<THandler>());
    }

    /// <summary>As <see cref="AddPipelineConsumer{THandler}"/>, for a handler of JSON messages of type <typeparamref name="TMessage"/>; a body that does not deserialize is parked as poison.</summary>
    public static IHostApplicationBuilder AddPipelineConsumer<THandler, TMessage>(this IHostApplicationBuilder builder, string pipeline,
        Action<PipelineOptions>? configure = null, JsonSerializerOptions? json = null)
        where THandler : class, IMessageHandler<TMessage>
    {
        builder.Services.TryAddScoped<THandler>();
        var options = json ?? JsonSerializerOptions.Web;
        return AddConsumer(builder, pipeline, configure, sp => new JsonMessageHandler<TMessage>(sp.GetRequiredService<THandler>(), options));
    }

    /// <summary>
    /// As <see cref="AddPipelineConsumer{THandler, TMessage}"/>, for events that came from an archived webhook: while an
    /// event fails, its archive object in <paramref name="bucket"/> is held against storage expiry
    /// (<see cref="ArchiveHolds"/>), so a parked message can always be replayed.
    /// </summary>
    public static IHostApplicationBuilder AddArchivedEventConsumer<THandler, TEvent>(this IHostApplicationBuilder builder, string pipeline,
        string bucket, Func<TEvent, string?> archiveKey)
        where THandler : class, IMessageHandler<TEvent>
    {
        builder.Services.TryAddSingleton<ArchiveHolds>();
        builder.Services.TryAddScoped<THandler>();
        builder.Services.AddSingleton(new ArchiveSource<TEvent>(bucket, archiveKey));
        return builder.AddPipelineConsumer<ArchiveHoldingHandler<THandler, TEvent>, TEvent>(pipeline);
    }

    /// <summary>Consumes <paramref name="pipeline"/> with a delegate (small services, tests).</summary>
    public static IHostApplicationBuilder AddPipelineConsumer(this IHostApplicationBuilder builder, string pipeline,
        Func<MessageContext, CancellationToken, ValueTask<MessageOutcome>> handle, Action<PipelineOptions>? configure = null)
    {
        var handler = new DelegateMessageHandler(handle);
        return AddConsumer(builder, pipeline, configure, _ => handler);
    }

    private static IHostApplicationBuilder AddConsumer(IHostApplicationBuilder builder, string pipeline, Action<PipelineOptions>? configure,
        Func<IServiceProvider, IMessageHandler> handlerFactory)
    {
        var options = AddPipeline(builder, pipeline, configure);
        if (builder.Services.Any(d => d.ServiceType == typeof(ConsumerMarker) && Equals(d.ServiceKey, pipeline)))
        {
            throw new InvalidOperationException($"Pipeline '{pipeline}' already has a consumer in this service.");
        }
        builder.Services.AddKeyedSingleton(pipeline, new ConsumerMarker());
        builder.Services.TryAddSingleton<PipelineMetrics>();
        builder.Services.TryAddSingleton<IHoldStore>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisHoldStore(redis, sp.GetRequiredService<ILogger<RedisHoldStore>>())
            : new InMemoryHoldStore());
        builder.Services.AddSingleton<IHostedService>(sp => new PipelineConsumerService(pipeline, options, handlerFactory, sp));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(ProcessingTrace.ActivitySourceName));
        return builder;
    }

    private static PipelineOptions AddPipeline(IHostApplicationBuilder builder, string pipeline, Action<PipelineOptions>? configure)
    {
        PipelineNames.Validate(pipeline);
        if (!builder.Services.Any(d => d.ServiceType == typeof(ConfirmedPublisher)))
        {
            throw new InvalidOperationException($"Pipeline '{pipeline}' needs RabbitMQ: call builder.AddRabbitMQConnection(\"rabbitmq\") first.");
        }
        var registry = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(PipelineRegistry))?.ImplementationInstance as PipelineRegistry;
        if (registry is null)
        {
            registry = new PipelineRegistry();
            builder.Services.AddSingleton(registry);
            builder.Services.TryAddSingleton<PipelinePublisher>();
            builder.Services.TryAddSingleton<PipelineAdmin>();
            builder.Services.TryAddSingleton<ParkingQueueLock>();
        }
        var options = registry.GetOrAdd(pipeline, builder.Configuration, configure, out var added);
        if (added)
        {
            // Declared when the connection opens, before any publish or consume (idempotent with identical arguments);
            // the client's topology recovery declares it again after a broker restart.
            builder.AddRabbitMQTopology((channel, ct) => PipelineTopology.DeclareAsync(channel, pipeline, options, ct));
        }
        return options;
    }

    private sealed class ConsumerMarker;
}
