using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging.Consuming;

namespace WhatsAppGenesys.UnitTests.Messaging;

/// <summary>
/// The processing span under the OpenTelemetry SDK with the sampler a deployment uses (parent-based): a message's
/// trace must stay one trace into its handler, whether the publisher kept it or not.
/// </summary>
public sealed class ProcessingTraceTests : IDisposable
{
    // Stand-ins for the client library's deliver span and for a call the handler makes (an HTTP client span, say).
    private readonly ActivitySource _deliver = new($"test.deliver.{Guid.NewGuid():N}");
    private readonly ActivitySource _call = new($"test.call.{Guid.NewGuid():N}");
    private readonly TracerProvider _tracing;

    public ProcessingTraceTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(_deliver.Name, _call.Name, ProcessingTrace.ActivitySourceName)
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .Build();
    }

    [Fact]
    public void AMessageWhoseTraceWasNotSampledKeepsThatDecisionInItsHandler()
    {
        var published = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using var deliver = _deliver.StartActivity("deliver", ActivityKind.Consumer, published);
        Assert.NotNull(deliver);
        Assert.False(deliver.Recorded);
        var parent = ProcessingTrace.ParentOf(new BasicProperties());
        deliver.Stop();

        using var processing = ProcessingTrace.Start("q.p0", new BasicProperties { MessageId = "m1" }, parent);

        // Without the carried decision the SDK would create no span here, and the handler's calls would start new traces.
        Assert.NotNull(processing);
        Assert.False(processing.Recorded);
        Assert.Equal(published.TraceId, processing.TraceId);
        Assert.Same(processing, Activity.Current);
        using var call = _call.StartActivity("call", ActivityKind.Client);
        Assert.Null(call);
        Assert.Equal(published.TraceId, Activity.Current?.TraceId);
    }

    [Fact]
    public void AMessageWhoseTraceWasSampledIsRecordedInItsHandlerUnderTheDeliverSpan()
    {
        var published = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using var deliver = _deliver.StartActivity("deliver", ActivityKind.Consumer, published);
        Assert.NotNull(deliver);
        var parent = ProcessingTrace.ParentOf(new BasicProperties());
        deliver.Stop();

        using var processing = ProcessingTrace.Start("q.p0", new BasicProperties { MessageId = "m1" }, parent);
        using var call = _call.StartActivity("call", ActivityKind.Client);

        Assert.NotNull(processing);
        Assert.True(processing.Recorded);
        Assert.Equal(deliver.SpanId, processing.ParentSpanId);
        Assert.NotNull(call);
        Assert.True(call.Recorded);
        Assert.Equal(processing.SpanId, call.ParentSpanId);
    }

    [Fact]
    public void AMessageWithoutATraceStartsOne()
    {
        using var processing = ProcessingTrace.Start("q.p0", new BasicProperties { MessageId = "m1" }, default);

        Assert.NotNull(processing);
        Assert.True(processing.Recorded);
        Assert.Equal(default, processing.ParentSpanId);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _deliver.Dispose();
        _call.Dispose();
    }
}
