using System.Diagnostics;
using RabbitMQ.Client;

namespace WhatsAppGenesys.Messaging.Publishing;

/// <summary>
/// The client library writes a message's trace context only from its own publish span, and the OpenTelemetry SDK
/// creates no such span inside a trace that is not sampled (a deployment keeps one trace in ten). The message would
/// then leave with no context, and its consumer would start a trace of its own, sampled on its own: one customer
/// message in fragments. Written here instead, the decision "not sampled" travels with the message.
/// </summary>
internal static class UnsampledTraceContext
{
    private const string TraceParent = "traceparent";

    /// <summary>Writes the current trace's context into <paramref name="headers"/> when the current span is not recorded.</summary>
    public static void WriteInto(IDictionary<string, object?> headers)
    {
        // A recorded span: the client library's publish span writes the context itself. A republished message keeps
        // the context it already carries (the library does not overwrite one either).
        if (Activity.Current is { Recorded: false } current && !headers.ContainsKey(TraceParent))
        {
            RabbitMQActivitySource.ContextInjector(current, headers);
        }
    }
}
