using RabbitMQ.Client;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Messaging.Topology;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// The real RabbitMQ (with the consistent-hash exchange plugin) and Redis the messaging tests run against. Every test
/// uses a pipeline of its own, named uniquely, and removes its queues and Redis keys afterwards, so tests neither
/// collide with each other nor with the services' own pipelines.
/// </summary>
public sealed class MessagingInfrastructure(string rabbitMQ, string redis)
{
    public string RabbitMQ { get; } = rabbitMQ;

    public string Redis { get; } = redis;

    /// <summary>The broker and Redis of the AppHost model the assembly fixture booted.</summary>
    public static async Task<MessagingInfrastructure> FromAsync(AppFixture fixture) => new(
        await fixture.ConnectionStringAsync(ResourceNames.RabbitMQ),
        await fixture.ConnectionStringAsync(ResourceNames.Redis));

    public static string NewPipelineName() => $"t-{Guid.NewGuid():N}"[..14];

    public async Task DeletePipelineAsync(string pipeline, int partitions)
    {
        var factory = new ConnectionFactory { Uri = new Uri(RabbitMQ) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        for (var i = 0; i < partitions; i++)
        {
            await channel.QueueDeleteAsync(PipelineNames.Partition(pipeline, i));
            await channel.QueueDeleteAsync(PipelineNames.Retry(pipeline, i));
        }
        await channel.QueueDeleteAsync(PipelineNames.DeadLetter(pipeline));
        await channel.QueueDeleteAsync(PipelineNames.Error(pipeline));
        await channel.ExchangeDeleteAsync(PipelineNames.Exchange(pipeline));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var db = redis.GetDatabase();
        for (var i = 0; i < partitions; i++)
        {
            await db.KeyDeleteAsync(PipelineNames.Holds(pipeline, i));
        }
    }
}
