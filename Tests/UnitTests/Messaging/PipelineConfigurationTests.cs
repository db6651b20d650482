using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class PipelineConfigurationTests
{
    [Fact]
    public void OptionsAreBoundFromThePipelinesConfigurationSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Pipelines:inbound:Partitions"] = "4",
            ["Messaging:Pipelines:inbound:RetryMaxDelay"] = "00:01:00",
        }).Build();
        var registry = new PipelineRegistry();

        var options = registry.GetOrAdd("inbound", configuration, o => o.Prefetch = 32, out var added);

        Assert.True(added);
        Assert.Equal(4, options.Partitions);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryMaxDelay);
        Assert.Equal(32, options.Prefetch);
    }

    [Fact]
    public void TwoRegistrationsOfOnePipelineMustAgreeOnItsPartitions()
    {
        var registry = new PipelineRegistry();
        var configuration = new ConfigurationBuilder().Build();
        registry.GetOrAdd("outbound", configuration, null, out _);

        var ex = Assert.Throws<InvalidOperationException>(() => registry.GetOrAdd("outbound", configuration, o => o.Partitions = 3, out _));

        Assert.Contains("partition", ex.Message);
    }

    [Fact]
    public void InconsistentTimingsAreRejectedAtStartUp()
    {
        var registry = new PipelineRegistry();
        var configuration = new ConfigurationBuilder().Build();

        var ex = Assert.Throws<InvalidOperationException>(() =>
            registry.GetOrAdd("inbound", configuration, o => o.HoldTimeout = TimeSpan.FromSeconds(10), out _));

        Assert.Contains("HoldTimeout", ex.Message);
    }

    [Theory]
    [InlineData("Inbound")]
    [InlineData("in bound")]
    [InlineData("-x")]
    [InlineData("")]
    public void PipelineNamesAreRestrictedToWhatIsSafeInQueueNamesAndUrls(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => PipelineNames.Validate(name));
    }

    [Fact]
    public void RegisteringAPipelineWithoutRabbitMQSaysWhatIsMissing()
    {
        var builder = Host.CreateApplicationBuilder();

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddPipelinePublisher("inbound"));

        Assert.Contains("AddRabbitMQConnection", ex.Message);
    }

    [Fact]
    public void TheConnectionsRecoveryDeclaresEveryQueueAgainButAParkingQueuesReaderLock()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = "amqp://guest:guest@127.0.0.1:5672/";
        builder.AddRabbitMQConnection("rabbitmq");
        using var host = builder.Build();

        var factory = Assert.IsType<RabbitMQ.Client.ConnectionFactory>(host.Services.GetRequiredService<RabbitMQ.Client.IConnectionFactory>());

        Assert.True(factory.TopologyRecoveryEnabled);
        Assert.True(factory.TopologyRecoveryFilter.QueueFilter(new Queue(PipelineNames.Partition("inbound-whatsapp", 3))));
        Assert.True(factory.TopologyRecoveryFilter.QueueFilter(new Queue(PipelineNames.DeadLetter("inbound-whatsapp"))));
        Assert.False(factory.TopologyRecoveryFilter.QueueFilter(
            new Queue(WhatsAppGenesys.Messaging.Admin.ParkingQueueLock.LockQueueName(PipelineNames.DeadLetter("inbound-whatsapp")))));
    }

    private sealed record Queue(string Name) : RabbitMQ.Client.IRecordedQueue
    {
        public bool Durable => true;
        public bool Exclusive => false;
        public bool AutoDelete => false;
        public IDictionary<string, object?>? Arguments => null;
        public bool IsServerNamed => false;
    }

    [Fact]
    public void HeadersWrittenAsBytesOrNumbersReadBack()
    {
        var headers = new Dictionary<string, object?>
        {
            [PipelineHeaders.OrderingKey] = Encoding.UTF8.GetBytes("t1:+4915112345678"),
            [PipelineHeaders.Attempt] = 3,
            [PipelineHeaders.FirstSeen] = 1_700_000_000_000L,
            ["x-text-number"] = Encoding.UTF8.GetBytes("42"),
        };

        Assert.Equal("t1:+4915112345678", PipelineHeaders.GetString(headers, PipelineHeaders.OrderingKey));
        Assert.Equal(3, PipelineHeaders.GetInt64(headers, PipelineHeaders.Attempt));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000L), PipelineHeaders.GetTime(headers, PipelineHeaders.FirstSeen));
        Assert.Equal(42, PipelineHeaders.GetInt64(headers, "x-text-number"));
        Assert.Null(PipelineHeaders.GetInt64(headers, "missing"));
    }

    [Fact]
    public void RepublishedHeadersDropTheBrokersDeadLetterBookkeeping()
    {
        var headers = new Dictionary<string, object?>
        {
            [PipelineHeaders.OrderingKey] = "k",
            ["traceparent"] = "00-abc-def-01",
            ["x-death"] = new List<object?>(),
            ["x-first-death-queue"] = "inbound.p0.retry",
        };

        var copy = PipelineHeaders.CopyForRepublish(headers);

        Assert.Equal(["traceparent", PipelineHeaders.OrderingKey], copy.Keys.Order());
    }
}
