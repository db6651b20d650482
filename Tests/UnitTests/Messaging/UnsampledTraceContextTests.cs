using System.Diagnostics;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Trace;
using RabbitMQ.Client;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.UnitTests.Messaging;

/// <summary>
/// What a published message carries of its trace when the client library's publish span does not exist: inside a
/// trace that is not sampled, the decision must still reach the consumer.
/// </summary>
public sealed class UnsampledTraceContextTests : IDisposable
{
    private readonly ActivitySource _handler = new($"test.handler.{Guid.NewGuid():N}");
    private readonly TracerProvider _tracing;

    public UnsampledTraceContextTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(_handler.Name)
            .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
            .Build();
    }

    [Fact]
    public void InsideATraceThatIsNotSampledTheMessageCarriesTheTraceAndTheDecision()
    {
        var incoming = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using var handling = _handler.StartActivity("handle", ActivityKind.Internal, incoming);
        Assert.NotNull(handling);
        Assert.False(handling.Recorded);
        var headers = new Dictionary<string, object?>();

        UnsampledTraceContext.WriteInto(headers);

        // A consumer gets string headers as the bytes the broker delivers.
        var delivered = headers.ToDictionary(h => h.Key, h => h.Value is string text ? (object?)Encoding.UTF8.GetBytes(text) : h.Value);
        var carried = RabbitMQActivitySource.ContextExtractor(new BasicProperties { Headers = delivered });
        Assert.Equal(incoming.TraceId, carried.TraceId);
        Assert.False(carried.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
    }

    [Fact]
    public void InsideASampledTraceTheClientLibrarysPublishSpanWritesTheContext()
    {
        using var handling = _handler.StartActivity("handle");
        Assert.NotNull(handling);
        Assert.True(handling.Recorded);
        var headers = new Dictionary<string, object?>();

        UnsampledTraceContext.WriteInto(headers);

        Assert.Empty(headers);
    }

    [Fact]
    public void ARepublishedMessageKeepsTheContextItCarries()
    {
        var incoming = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        using var handling = _handler.StartActivity("handle", ActivityKind.Internal, incoming);
        var headers = new Dictionary<string, object?> { ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };

        UnsampledTraceContext.WriteInto(headers);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Assert.Single(headers).Value);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _handler.Dispose();
    }
}
