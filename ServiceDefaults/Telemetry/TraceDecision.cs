using System.Diagnostics;

namespace WhatsAppGenesys.ServiceDefaults;

/// <summary>
/// Starting a span under a parent captured earlier on another thread (a delivery's deliver span, a caller waiting in a
/// queue) without splitting its trace when the trace is not sampled.
/// </summary>
public static class TraceDecision
{
    /// <summary>
    /// A span of a trace that is not sampled (a deployment keeps one trace in ten) is not recorded, and the
    /// OpenTelemetry SDK creates no child at all under a local parent that is not recorded. Work run under such a
    /// parent would then have no current span, and each call it makes would start a trace of its own, sampled on its
    /// own: one message in fragments. Given as a remote parent, the same context makes the SDK create the child
    /// unrecorded, carrying the decision "not sampled" into every call made under it, as it would arrive from another
    /// process.
    /// </summary>
    public static ActivityContext Carried(ActivityContext parent) =>
        parent == default || parent.IsRemote || parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? parent
            : new ActivityContext(parent.TraceId, parent.SpanId, parent.TraceFlags, parent.TraceState, isRemote: true);
}
