using Microsoft.Extensions.Configuration;
using WhatsAppGenesys.Messaging;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.UnitTests.Messaging;

public class QueueTypeTests
{
    private static PipelineOptions Options(QueueType type) => new() { QueueType = type, DeliveryLimit = 7 };

    [Fact]
    public void ClassicWorkQueuesHaveASingleActiveConsumerAndNothingElse()
    {
        var arguments = QueueArguments.Work(Options(QueueType.Classic), "p.error");

        Assert.Equal(new Dictionary<string, object?> { ["x-single-active-consumer"] = true }, arguments);
        Assert.Null(QueueArguments.Parking(Options(QueueType.Classic)));
    }

    [Fact]
    public void QuorumWorkQueuesParkAMessageInTheErrorQueueAtTheirDeliveryLimitWithoutLosingItOnTheWay()
    {
        var arguments = QueueArguments.Work(Options(QueueType.Quorum), "p.error");

        Assert.Equal("quorum", arguments["x-queue-type"]);
        Assert.Equal(true, arguments["x-single-active-consumer"]);
        Assert.Equal(7, arguments["x-delivery-limit"]);
        Assert.Equal("", arguments["x-dead-letter-exchange"]);
        Assert.Equal("p.error", arguments["x-dead-letter-routing-key"]);
        Assert.Equal("at-least-once", arguments["x-dead-letter-strategy"]);
        Assert.Equal("reject-publish", arguments["x-overflow"]);
    }

    [Theory]
    [InlineData(QueueType.Classic)]
    [InlineData(QueueType.Quorum)]
    public void DelayQueuesHaveOnePumpAtATimeAndNoBrokerDeadLettering(QueueType type)
    {
        var arguments = QueueArguments.Delay(Options(type));

        Assert.Equal(true, arguments["x-single-active-consumer"]);
        Assert.Equal(type == QueueType.Quorum, arguments.ContainsKey("x-queue-type"));
        Assert.False(arguments.ContainsKey("x-dead-letter-exchange"));
        Assert.False(arguments.ContainsKey("x-message-ttl"));
    }

    [Fact]
    public void QuorumParkingQueuesHaveNoDeliveryLimitBecauseEveryPeekCountsAsADelivery()
    {
        var arguments = QueueArguments.Parking(Options(QueueType.Quorum))!;

        Assert.Equal("quorum", arguments["x-queue-type"]);
        Assert.False(arguments.ContainsKey("x-delivery-limit"));
    }

    [Fact]
    public void TheProcessWideQueueTypeAppliesToEveryPipelineUnlessOneOverridesIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:QueueType"] = "quorum",
            ["Messaging:Pipelines:outbound:QueueType"] = "Classic",
        }).Build();
        var registry = new PipelineRegistry();

        Assert.Equal(QueueType.Quorum, registry.GetOrAdd("inbound", configuration, null, out _).QueueType);
        Assert.Equal(QueueType.Classic, registry.GetOrAdd("outbound", configuration, null, out _).QueueType);
    }

    [Fact]
    public void ADeliveryLimitBelowTwoIsRefusedBecauseAFailoverRedeliversWhatTheOldConsumerHeld()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            new PipelineRegistry().GetOrAdd("inbound", new ConfigurationBuilder().Build(), o => o.DeliveryLimit = 1, out _));

        Assert.Contains("DeliveryLimit", ex.Message);
    }

    [Fact]
    public void AClusterConnectionStringNamesEveryNodeAndTakesCredentialsFromTheFirst()
    {
        Assert.True(RabbitMQNodes.TryParse("amqp://u:p@10.0.0.1:5672/vh, amqp://u:p@10.0.0.2:5673/vh,amqps://u:p@mq3", out var nodes));

        Assert.True(nodes.IsCluster);
        Assert.Equal("amqp://u:p@10.0.0.1:5672/vh", nodes.Primary.OriginalString);
        Assert.Equal(["10.0.0.1:5672", "10.0.0.2:5673", "mq3:5671"], nodes.Endpoints.Select(e => $"{e.HostName}:{e.Port}"));
        Assert.True(nodes.Endpoints[2].Ssl.Enabled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://host:5672")]
    [InlineData("amqp://u:p@host:5672,redis:6379")]
    [InlineData("host:5672")]
    public void AnythingButAmqpUrisIsRefused(string connectionString) =>
        Assert.False(RabbitMQNodes.TryParse(connectionString, out _));
}
