namespace WhatsAppGenesys.Messaging.Topology;

/// <summary>
/// Every broker and Redis name a pipeline uses, in one place so publishers, consumers, admin endpoints and operators
/// agree: exchange <c>{pipeline}.route</c>, work queues <c>{pipeline}.p{i}</c>, delay queues <c>{pipeline}.p{i}.delay</c>,
/// and the parking queues <c>{pipeline}.dead-letter</c> and <c>{pipeline}.error</c>. The pipelines themselves are
/// named in <c>WhatsAppGenesys.Contracts.Events.Pipelines</c>.
/// </summary>
public static class PipelineNames
{
    /// <summary>
    /// The direct exchange publishers send to. Not the bare pipeline name: early builds declared that name as a
    /// consistent-hash exchange, and redeclaring it with another type would fail on brokers that still have it.
    /// </summary>
    public static string Exchange(string pipeline) => $"{pipeline}.route";

    public static string Partition(string pipeline, int partition) => $"{pipeline}.p{partition}";

    /// <summary>The routing key that takes a message of <paramref name="orderingKey"/> to its partition queue.</summary>
    public static string RoutingKey(string pipeline, string orderingKey, int partitions) =>
        Partition(pipeline, PartitionRouter.PartitionOf(orderingKey, partitions));

    /// <summary>
    /// The delay queue of a partition. Not <c>.retry</c>: queues of that name were declared by earlier builds with
    /// broker dead-lettering, and redeclaring them without it would fail; on such brokers they drain into their work
    /// queues by themselves and can be deleted once empty.
    /// </summary>
    public static string Delay(string pipeline, int partition) => $"{pipeline}.p{partition}.delay";

    public static string DeadLetter(string pipeline) => $"{pipeline}.dead-letter";

    public static string Error(string pipeline) => $"{pipeline}.error";

    /// <summary>The Redis hash holding the hold lists of one partition (field = ordering key).</summary>
    public static string Holds(string pipeline, int partition) => $"messaging:{pipeline}:p{partition}:holds";

    /// <summary>Lower-case letters, digits and dashes: the name becomes part of queue names and URLs.</summary>
    public static void Validate(string pipeline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pipeline);
        if (pipeline.Length > 100 || !pipeline.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || pipeline[0] == '-')
        {
            throw new ArgumentException($"Pipeline name '{pipeline}' must be lower-case letters, digits and dashes (at most 100).", nameof(pipeline));
        }
    }
}
