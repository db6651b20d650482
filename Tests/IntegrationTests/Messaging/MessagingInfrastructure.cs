using RabbitMQ.Client;
using StackExchange.Redis;
using WhatsAppGenesys.AppHost.LocalServers;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Messaging.Connection;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The real RabbitMQ (with the consistent-hash exchange plugin) and Redis the messaging tests run against. Every test
/// uses a pipeline of its own, named uniquely, and removes its queues and Redis keys afterwards, so tests neither
/// collide with each other nor with the services' own pipelines.
/// </summary>
public sealed class MessagingInfrastructure(string rabbitMQ, string redis, RunningApp broker)
{
    public string RabbitMQ { get; } = rabbitMQ;

    public string Redis { get; } = redis;

    /// <summary>The application whose local RabbitMQ node(s) these are, for what only <c>rabbitmqctl</c> can tell.</summary>
    public RunningApp Broker { get; } = broker;

    /// <summary>The broker and Redis of the AppHost model the assembly fixture booted.</summary>
    public static async Task<MessagingInfrastructure> FromAsync(AppFixture fixture) => new(
        await fixture.ConnectionStringAsync(ResourceNames.RabbitMQ),
        await fixture.ConnectionStringAsync(ResourceNames.Redis),
        fixture.App);

    /// <summary>
    /// Consumers subscribed to each queue, waiting ones included. A quorum queue with a single active consumer reports
    /// only the active one over AMQP, so a stand-by replica is visible here only.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> ConsumersByQueueAsync()
    {
        // Any node that runs answers for the whole cluster.
        var node = Broker.Resources.OfType<LocalRabbitMQResource>().First(n => !Broker.IsDown(n.Name));
        var output = await RabbitMQCtl.RunAsync(Broker, node, ["list_consumers", "queue_name", "--no-table-headers", "--quiet"]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .GroupBy(queue => queue).ToDictionary(g => g.Key, g => g.Count());
    }

    public static string NewPipelineName() => $"t-{Guid.NewGuid():N}"[..14];

    /// <summary>A connection of the test's own, on any node that answers when the broker is a cluster.</summary>
    public async Task<IConnection> ConnectAsync()
    {
        RabbitMQNodes.TryParse(RabbitMQ, out var nodes);
        var factory = new ConnectionFactory { Uri = nodes.Primary };
        return await factory.CreateConnectionAsync(nodes.Endpoints);
    }

    public async Task DeletePipelineAsync(string pipeline, int partitions)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < partitions; i++)
        {
            await channel.QueueDeleteAsync(PipelineNames.Partition(pipeline, i));
            await channel.QueueDeleteAsync(PipelineNames.Delay(pipeline, i));
        }
        await channel.QueueDeleteAsync(PipelineNames.DeadLetter(pipeline));
        await channel.QueueDeleteAsync(PipelineNames.Error(pipeline));
        await channel.ExchangeDeleteAsync(PipelineNames.Exchange(pipeline));
        await DeleteHoldsAsync(pipeline, partitions);
    }

    /// <summary>The pipeline's Redis keys only, for a test whose broker goes away with it and takes the queues along.</summary>
    public async Task DeleteHoldsAsync(string pipeline, int partitions)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var db = redis.GetDatabase();
        for (var i = 0; i < partitions; i++)
        {
            await db.KeyDeleteAsync(PipelineNames.Holds(pipeline, i));
        }
    }
}
