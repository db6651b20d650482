using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WhatsAppGenesys.Messaging.Publishing;

namespace WhatsAppGenesys.IntegrationTests.Messaging;

/// <summary>
/// A message the broker refuses (a nack) is reported as a failure, and the channel that carried it is given up: on a
/// quorum queue a channel can go on refusing after a cluster node went (docs/messaging.md, "Losing a node"), so the
/// caller's next attempt must go through a fresh one. An unroutable message is the caller's mistake, not the
/// channel's, and keeps it.
/// </summary>
public sealed class ConfirmedPublisherTests(AppFixture fixture) : IAsyncLifetime
{
    private MessagingInfrastructure _infrastructure = null!;
    private readonly string _pipeline = MessagingInfrastructure.NewPipelineName();
    private string Full => _pipeline + ".full";
    private string Open => _pipeline + ".open";

    public async ValueTask InitializeAsync()
    {
        _infrastructure = await MessagingInfrastructure.FromAsync(fixture);
        await using var connection = await _infrastructure.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        // One message fills it, and the broker nacks every publish beyond that.
        await channel.QueueDeclareAsync(Full, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" });
        await channel.QueueDeclareAsync(Open, durable: true, exclusive: false, autoDelete: false);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = await _infrastructure.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(Full);
        await channel.QueueDeleteAsync(Open);
        await _infrastructure.DeletePipelineAsync(_pipeline, partitions: 4);
    }

    [Fact]
    public async Task ANackedPublishFailsAndItsChannelIsGivenUpWhileAnUnroutableOneKeepsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await PipelineHost.StartAsync(_infrastructure, _pipeline, handle: null);
        var publisher = host.App.Services.GetRequiredService<ConfirmedPublisher>();
        OutgoingMessage To(string queue, int n) => new("", queue, $"m{n}", "test.message", new byte[] { 1 });

        // Every channel of the rotation open, then the queue filled.
        for (var n = 0; n < 8; n++)
        {
            await publisher.PublishAsync(To(Open, n), ct);
        }
        await publisher.PublishAsync(To(Full, 8), ct);
        var before = publisher.Channels;
        Assert.All(before, channel => Assert.True(channel.IsOpen));

        var refused = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(To(Full, 9), ct));
        Assert.False(refused.IsReturn);
        Assert.Single(before, channel => !channel.IsOpen);
        Assert.DoesNotContain(publisher.Channels, channel => !channel.IsOpen);

        var unroutable = await Assert.ThrowsAsync<PublishReturnException>(() => publisher.PublishAsync(To(_pipeline + ".nowhere", 10), ct));
        Assert.True(unroutable.IsReturn);
        Assert.All(publisher.Channels, channel => Assert.True(channel.IsOpen));

        // The next attempts go through, on the channels left and a fresh one in the place of the one given up.
        for (var n = 11; n < 19; n++)
        {
            await publisher.PublishAsync(To(Open, n), ct);
        }
        Assert.Equal(before.Count, publisher.Channels.Count);
        Assert.Equal(before.Count - 1, publisher.Channels.Intersect(before).Count());
    }
}
