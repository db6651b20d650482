namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// The kind of RabbitMQ queue a pipeline is declared with (<c>Messaging:QueueType</c>). Every service of a deployment
/// must use the same one: a queue's type is fixed when it is first declared, and declaring it again with another type
/// is refused by the broker (see docs/messaging.md, "Queue types").
/// </summary>
public enum QueueType
{
    /// <summary>Classic queues: one copy on one node. Right for a single local broker, where they are cheapest.</summary>
    Classic,

    /// <summary>
    /// Quorum queues: replicated on every node of a cluster (Raft), so losing a node loses neither a message nor a
    /// confirm; the work queues also carry a delivery limit as a second guard against poison loops.
    /// </summary>
    Quorum,
}
