using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using RabbitMQ.Client;

namespace WhatsAppGenesys.ServiceDefaults.RabbitMQ;

/// <summary>
/// Carries the W3C trace context (traceparent/tracestate, baggage) in AMQP message headers, so the span of a consumer
/// continues the trace of whoever published: one customer message is one trace across every service.
/// </summary>
public static class RabbitMQTracing
{
    public const string ActivitySourceName = "WhatsAppGenesys.Messaging";
    public static readonly ActivitySource Source = new(ActivitySourceName);

    private static TextMapPropagator Propagator => Propagators.DefaultTextMapPropagator;

    /// <summary>Starts a producer span and writes its context into <paramref name="headers"/>.</summary>
    public static Activity? StartPublish(string exchange, string routingKey, IDictionary<string, object?> headers)
    {
        var activity = Source.StartActivity($"{exchange} publish", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", routingKey);
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        Propagator.Inject(new PropagationContext(context, Baggage.Current), headers, static (h, key, value) => h[key] = value);
        return activity;
    }

    /// <summary>Starts a consumer span whose parent is the publisher's span found in the message headers.</summary>
    public static Activity? StartConsume(string queue, IReadOnlyBasicProperties properties)
    {
        var parent = Propagator.Extract(default, properties.Headers, static (headers, key) =>
            headers is not null && headers.TryGetValue(key, out var value) ? [AsString(value)] : []);
        Baggage.Current = parent.Baggage;
        var activity = Source.StartActivity($"{queue} process", ActivityKind.Consumer, parent.ActivityContext);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.source.name", queue);
        activity?.SetTag("messaging.message.id", properties.MessageId);
        return activity;
    }

    /// <summary>AMQP delivers string headers as byte arrays.</summary>
    public static string AsString(object? value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        null => "",
        _ => value.ToString() ?? "",
    };
}
