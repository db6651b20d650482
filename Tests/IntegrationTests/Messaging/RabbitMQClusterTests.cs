using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WhatsAppGenesys.AppHost.Infrastructure;
using WhatsAppGenesys.AppHost.LocalServers;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Consuming;
using WhatsAppGenesys.Messaging.Handling;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// Quorum queues on a real three-node RabbitMQ cluster (the AppHost's local RabbitMQ resource with <c>nodes: 3</c>, in
/// a small application of its own): the cluster forms, every work queue has a member on each node, and the node the
/// active consumer is connected to goes in the middle of a burst: drained and stopped as a planned restart does it,
/// stopped without a drain, or killed as in a crash (and restarted). The consumers recover onto the other nodes, the
/// majority takes the publishes made meanwhile, and every message arrives once, in each customer's order — with one
/// message in twenty retried, so the delay queues and their pumps are on the path too (docs/messaging.md, "Losing a
/// node").
/// </summary>
[Collection(typeof(MessagingLoadCollection))]
public sealed class RabbitMQClusterTests(AppFixture fixture)
{
    private const int Keys = 50;
    private const int Burst = 1_500;
    private const int WhileDown = 500;

    /// <summary>How a node leaves the cluster in <see cref="LosingTheActiveConsumersNodeMidBurstLosesNothingDuplicatesNothingAndKeepsOrder"/>.</summary>
    public enum NodeLoss
    {
        /// <summary>A planned restart as operators and RabbitMQ's Kubernetes operator do it: drain, then stop.</summary>
        DrainedThenStopped,

        /// <summary>A graceful stop with no drain first: the node hands nothing over before it goes.</summary>
        Stopped,

        /// <summary>A crash: SIGKILL, no goodbye to anyone; the node is started again, as an orchestrator restarts it.</summary>
        Killed,
    }

    [Theory]
    [InlineData(NodeLoss.DrainedThenStopped)]
    [InlineData(NodeLoss.Stopped)]
    [InlineData(NodeLoss.Killed)]
    public async Task LosingTheActiveConsumersNodeMidBurstLosesNothingDuplicatesNothingAndKeepsOrder(NodeLoss loss)
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TestDataDirectory();
        var builder = data.CreateBuilder();
        builder.AddLocalRabbitMQ("rabbitmq", LocalPorts.GetFreePort(), nodes: 3);
        await using var cluster = await RunningApp.StartAsync(builder, ct);
        var connectionString = (await cluster.GetConnectionStringAsync("rabbitmq", ct))!;
        Assert.True(RabbitMQNodes.TryParse(connectionString, out var nodes) && nodes.Endpoints.Count == 3, connectionString);
        var infrastructure = new MessagingInfrastructure(connectionString, (await MessagingInfrastructure.FromAsync(fixture)).Redis, cluster);
        var pipeline = MessagingInfrastructure.NewPipelineName();
        var ledger = new DeliveryLedger();
        async ValueTask<MessageOutcome> Handle(MessageContext context, CancellationToken token)
        {
            await Task.Delay(20, token); // a provider call: keeps the burst in flight while the node goes
            if (Random.Shared.NextDouble() < 0.05)
            {
                return MessageOutcome.Retry("random provider failure");
            }
            ledger.TryDeliver(DeliveryLedger.Parse(context.Body));
            return MessageOutcome.Success;
        }
        var options = PipelineHost.FastRetriesOn(QueueType.Quorum);

        try
        {
            await using var active = await PipelineHost.StartAsync(infrastructure, pipeline, Handle, options, name: "consumer-a");
            await active.WaitForConsumersAsync(1, TimeSpan.FromSeconds(60));
            await using var standby = await PipelineHost.StartAsync(infrastructure, pipeline, Handle, options, name: "consumer-b");
            await standby.WaitForConsumersAsync(2, TimeSpan.FromSeconds(60));
            await AssertReplicatedOnEveryNodeAsync(cluster, pipeline);

            await DeliveryLedger.PublishBurstAsync(standby.Publisher, pipeline, Keys, Burst);
            await ledger.WaitForAsync(Burst / 5, TimeSpan.FromSeconds(120));
            var node = NodeOf(active, cluster);
            var atLoss = ledger.Total;
            switch (loss)
            {
                case NodeLoss.DrainedThenStopped:
                    // The node's Drain command, as an operator presses it in the dashboard before stopping the node.
                    await cluster.ExecuteCommandAsync(node, LocalRabbitMQBuilderExtensions.DrainCommand, ct);
                    await cluster.StopResourceAsync(node, ct);
                    break;
                case NodeLoss.Stopped:
                    await cluster.StopResourceAsync(node, ct);
                    break;
                default:
                    await cluster.KillResourceAsync(node, ct);
                    break;
            }

            // With one node of three gone, the majority takes publishes and the consumers carry on.
            var survivor = NodeOf(standby, cluster) == node ? active : standby;
            await DeliveryLedger.PublishBurstAsync(survivor.Publisher, pipeline, Keys, WhileDown, offset: Burst / Keys);
            if (loss == NodeLoss.Killed)
            {
                // A crashed node's consumers are only suspected gone: their partitions keep what they held until the node
                // is back (or forgotten by an operator), as an orchestrator restarts it. Let the rest flow first.
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                await cluster.StartResourceAsync(node, ct);
            }
            try
            {
                await ledger.WaitForAsync(Burst + WhileDown, TimeSpan.FromSeconds(180));
            }
            catch (TimeoutException ex)
            {
                var other = cluster.Resources.OfType<LocalRabbitMQResource>().First(n => n.Name != node);
                throw new TimeoutException($"{ex.Message} {node} went ({loss}) with {atLoss} delivered. Queues: " +
                    await RabbitMQCtl.RunAsync(cluster, other, ["list_queues", "name", "messages_ready", "messages_unacknowledged", "consumers", "--no-table-headers", "--quiet"]) +
                    // Whether the queue's unacknowledged deliveries are held by a live channel (ours) or by none (the broker's).
                    " Channels: " + await RabbitMQCtl.RunAsync(cluster, other, ["list_channels", "pid", "consumer_count", "messages_unacknowledged", "--no-table-headers", "--quiet"]) +
                    " Consumers: " + await RabbitMQCtl.RunAsync(cluster, other, ["list_consumers", "queue_name", "channel_pid", "active", "activity_status", "--no-table-headers", "--quiet"]) +
                    $" In hand: {InHand(active)} and {InHand(standby)}." +
                    " Behind: " + string.Join(" ", ledger.PerKey.Where(k => k.Value.Count < (Burst + WhileDown) / Keys).Select(k => $"{k.Key}:{k.Value.Count}")));
            }

            Assert.True(atLoss < Burst, "the burst was through before the node went");
            ledger.AssertExactlyOnceInOrder(Keys, Burst + WhileDown);
            Assert.All(await survivor.Admin.CountsAsync(pipeline, ct), d => Assert.True(d.Messages == 0, $"{d.Queue} still holds {d.Messages}"));
        }
        finally
        {
            // The cluster goes with the test, queues and all. Deleting them first would cost about 50 s after a node
            // was stopped: RabbitMQ deletes a quorum queue only once each member has answered or timed out.
            await infrastructure.DeleteHoldsAsync(pipeline, partitions: 4);
        }
    }

    /// <summary>What a host's consumers hold: deliveries on their lanes and keys held behind a retried message.</summary>
    private static string InHand(PipelineHost host)
    {
        var consumers = host.App.Services.GetServices<IHostedService>().OfType<PipelineConsumerService>();
        return $"{host.App.Environment.ApplicationName}: {consumers.Sum(c => c.InFlight)} in flight, {consumers.Sum(c => c.HeldKeys)} held keys";
    }

    /// <summary>The cluster node a host's connection is on, by its AMQP port.</summary>
    private static string NodeOf(PipelineHost host, RunningApp cluster)
    {
        var port = host.App.Services.GetRequiredService<RabbitMQConnectionProvider>().Connection!.Endpoint.Port;
        return cluster.Resources.OfType<LocalRabbitMQResource>().Single(n => n.Port == port).Name;
    }

    /// <summary>Every work queue has a member on each of the three nodes, or losing one could lose its messages.</summary>
    private static async Task AssertReplicatedOnEveryNodeAsync(RunningApp cluster, string pipeline)
    {
        var node = cluster.Resources.OfType<LocalRabbitMQResource>().First();
        var output = await RabbitMQCtl.RunAsync(cluster, node, ["list_queues", "name", "members", "--no-table-headers", "--quiet"]);
        var workQueues = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => Enumerable.Range(0, 4).Any(i => line.StartsWith(PipelineNames.Partition(pipeline, i) + "\t", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(4, workQueues.Count);
        Assert.All(workQueues, line => Assert.Equal(3, line.Split('@').Length - 1));
    }
}
