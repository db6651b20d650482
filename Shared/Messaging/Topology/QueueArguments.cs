namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// The declaration arguments of a pipeline's queues for its <see cref="QueueType"/>. Publishers and consumers declare
/// the same queues, so these must come out identical in every service, or the broker refuses the second declaration.
/// </summary>
public static class QueueArguments
{
    /// <summary>A work queue: single active consumer (one replica consumes a partition at a time, so order holds).</summary>
    public static Dictionary<string, object?> Work(PipelineOptions options, string errorQueue)
    {
        var arguments = new Dictionary<string, object?> { ["x-single-active-consumer"] = true };
        if (options.QueueType == QueueType.Quorum)
        {
            AddQuorum(arguments);
            // A message redelivered this often killed or wedged every consumer that took it: park it where an operator
            // sees it rather than let it take down each replica in turn.
            arguments["x-delivery-limit"] = options.DeliveryLimit;
            arguments["x-dead-letter-exchange"] = "";
            arguments["x-dead-letter-routing-key"] = errorQueue;
            AddAtLeastOnceDeadLettering(arguments);
        }
        return arguments;
    }

    /// <summary>
    /// A delay queue: each message waits there until its <see cref="PipelineHeaders.DueAt"/>, when the pump moves it
    /// back to its work queue (publish confirmed, then ack). No broker dead-lettering: see <c>DelayQueuePump</c> for
    /// why. Single active consumer, so one replica pumps it and it stays first in, first out.
    /// </summary>
    public static Dictionary<string, object?> Delay(PipelineOptions options)
    {
        var arguments = new Dictionary<string, object?> { ["x-single-active-consumer"] = true };
        if (options.QueueType == QueueType.Quorum)
        {
            AddQuorum(arguments);
        }
        return arguments;
    }

    /// <summary>
    /// A parking queue (dead-letter or error). No delivery limit: operators peek at parked messages by fetching and
    /// returning them, and each return counts as a delivery.
    /// </summary>
    public static Dictionary<string, object?>? Parking(PipelineOptions options)
    {
        if (options.QueueType == QueueType.Classic)
        {
            return null;
        }
        var arguments = new Dictionary<string, object?>();
        AddQuorum(arguments);
        return arguments;
    }

    private static void AddQuorum(Dictionary<string, object?> arguments) => arguments["x-queue-type"] = "quorum";

    // Quorum queues dead-letter at most once by default: a message in transit when a node fails would be gone. At
    // least once keeps it until the target queue has it; the broker requires reject-publish overflow for that.
    private static void AddAtLeastOnceDeadLettering(Dictionary<string, object?> arguments)
    {
        arguments["x-dead-letter-strategy"] = "at-least-once";
        arguments["x-overflow"] = "reject-publish";
    }
}
