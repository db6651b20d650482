using RabbitMQ.Client;

namespace WhatsAppGenesys.Messaging.Connection;

/// <summary>One registered piece of topology; all of them run on a fresh channel right after the connection opens.</summary>
internal sealed record RabbitMQTopology(Func<IChannel, CancellationToken, Task> Declare);
