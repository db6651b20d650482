using RabbitMQ.Client;

namespace WhatsAppGenesys.ServiceDefaults.RabbitMQ;

/// <summary>One registered piece of topology; all of them run on a fresh channel right after the connection opens.</summary>
public sealed record RabbitMQTopology(Func<IChannel, CancellationToken, Task> Declare);
