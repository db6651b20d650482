namespace WhatsAppGenesys.Messaging;

/// <summary>
/// Settings of one pipeline, bound from <c>Messaging:Pipelines:{pipeline}</c>. <see cref="Partitions"/> must be the same
/// in every service that publishes to or consumes the pipeline: the publisher's declaration decides how many work
/// queues the exchange routes to, and a partition nobody consumes strands its share of customers.
/// </summary>
public sealed class PipelineOptions
{
    public const string SectionPrefix = "Messaging:Pipelines";

    /// <summary>The process-wide queue type every pipeline starts from; a pipeline's own section may override it.</summary>
    public const string QueueTypeKey = "Messaging:QueueType";

    /// <summary>Classic queues for a single node, quorum queues for a cluster (<see cref="Topology.QueueType"/>).</summary>
    public Topology.QueueType QueueType { get; set; } = Topology.QueueType.Classic;

    /// <summary>
    /// Quorum queues only: deliveries of one message (the first and every redelivery after a consumer died holding it)
    /// before the broker parks it in the error queue. The library's own attempts count failed handlers; this catches
    /// the message that kills its consumer every time, which no handler lives to count.
    /// </summary>
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>Work queues (and delay queues) of the pipeline. Per-customer order is kept within a partition.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Unacknowledged deliveries per partition consumer: the bound on messages in flight per partition.</summary>
    public ushort Prefetch { get; set; } = 64;

    /// <summary>Attempts (including the first) before a message that keeps failing is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Back-off after the first failed attempt; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off between attempts. With the defaults, 10 attempts span about two minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Relative jitter (0.2 = ±20 %) so messages failing together do not come back together.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>Upper bound on a handler's Retry-After hint, so a bogus hint cannot park a customer for hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay for a message sent round the delay queue because its key is held behind a retried message.</summary>
    public TimeSpan DeferDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A hold whose head has not been seen for this long is considered stale (its message is gone, for example
    /// after Redis lost the state) and the head is dropped, so one lost message cannot block a customer forever.
    /// </summary>
    public TimeSpan HoldTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a graceful stop waits for in-flight handlers before cancelling them (they are then redelivered).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a partition's active consumer may go without a delivery arriving or a handler finishing, while it has
    /// work in hand or its queue has messages ready, before its subscription is taken for stuck and started again
    /// (the channel closes, so the broker hands its unacknowledged deliveries back in order). Far above any handler's
    /// own timeouts, so only a consumer that really stopped moving is restarted.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long a consumer that starts or takes over a partition keeps trying to read the partition's holds while the
    /// hold store does not answer (Redis timing out under load, say) before it goes on without them. Deliveries of
    /// the partition wait meanwhile: going on early would let a customer's newer message overtake one in the retry path.
    /// </summary>
    public TimeSpan HoldLoadPatience { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate(string pipeline)
    {
        Check(Partitions is >= 1 and <= 256, nameof(Partitions), "must be between 1 and 256");
        Check(Prefetch >= 1, nameof(Prefetch), "must be at least 1");
        Check(MaxAttempts >= 1, nameof(MaxAttempts), "must be at least 1");
        Check(RetryBaseDelay > TimeSpan.Zero && RetryMaxDelay >= RetryBaseDelay, nameof(RetryMaxDelay), "must be at least RetryBaseDelay, which must be positive");
        Check(RetryJitter is >= 0 and < 1, nameof(RetryJitter), "must be in [0, 1)");
        Check(DeferDelay >= TimeSpan.Zero, nameof(DeferDelay), "must not be negative");
        Check(HoldTimeout > RetryMaxDelay && HoldTimeout > MaxRetryAfter, nameof(HoldTimeout),
            "must exceed RetryMaxDelay and MaxRetryAfter, or live holds would be dropped as stale");
        Check(ShutdownTimeout >= TimeSpan.Zero, nameof(ShutdownTimeout), "must not be negative");
        Check(StallTimeout > TimeSpan.Zero, nameof(StallTimeout), "must be positive");
        Check(Enum.IsDefined(QueueType), nameof(QueueType), "must be Classic or Quorum");
        Check(DeliveryLimit >= 2, nameof(DeliveryLimit), "must be at least 2, or a consumer's failover would park the messages it held");
        Check(HoldLoadPatience >= TimeSpan.Zero, nameof(HoldLoadPatience), "must not be negative");

        void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new InvalidOperationException($"{SectionPrefix}:{pipeline}:{name} {rule}.");
            }
        }
    }
}
