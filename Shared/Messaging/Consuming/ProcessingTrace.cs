using System.Diagnostics;
using RabbitMQ.Client;
using WhatsAppGenesys.ServiceDefaults;

namespace WhatsAppGenesys.Messaging.Consuming;

/// <summary>
/// The span around a message's handler. The client library's deliver span continues the publisher's trace, but it
/// ends as soon as the delivery is queued on its key's lane, and the handler runs later on another thread where
/// nothing of it flows. Started as the deliver span's child, this span carries the trace into the handler, so every
/// call the handler makes belongs to the customer message's one trace.
/// </summary>
internal static class ProcessingTrace
{
    public const string ActivitySourceName = "WhatsAppGenesys.Messaging";
    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>What the processing span hangs from: the current deliver span, else the publisher's context in the headers.</summary>
    public static ActivityContext ParentOf(IReadOnlyBasicProperties properties) =>
        Activity.Current?.Context ?? RabbitMQActivitySource.ContextExtractor(properties);

    public static Activity? Start(string queue, IReadOnlyBasicProperties properties, ActivityContext parent)
    {
        var activity = Source.StartActivity($"{queue} process", ActivityKind.Internal, TraceDecision.Carried(parent));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.source.name", queue);
        activity?.SetTag("messaging.message.id", properties.MessageId);
        return activity;
    }

    /// <summary>
    /// The span around moving a message that waited in a delay queue back to its work queue: its publish belongs to
    /// the trace the message was published in (<paramref name="published"/>, read from its headers).
    /// </summary>
    public static Activity? StartMove(string delayQueue, string messageId, ActivityContext published)
    {
        var activity = Source.StartActivity($"{delayQueue} move", ActivityKind.Internal, published);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.source.name", delayQueue);
        activity?.SetTag("messaging.message.id", messageId);
        return activity;
    }
}
