namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>How a <see cref="Burst"/> drives the system: how many messages, from how many customers, how fast.</summary>
public sealed record BurstPlan
{
    /// <summary>Messages in the burst, spread evenly over the customers.</summary>
    public int Messages { get; init; } = 2_000;

    /// <summary>Distinct customers; each sends its share one after another, as a person typing would.</summary>
    public int Customers { get; init; } = 300;

    /// <summary>Customer sends in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>
    /// Whether a customer's next message is sent before the previous one was answered, as Meta may post one
    /// customer's webhooks over several connections at once. Needs <see cref="MessagesPerSecond"/>: the order sent is
    /// then the order the sends start.
    /// </summary>
    public bool ConcurrentPerCustomer { get; init; }

    /// <summary>
    /// Pace of the customers' sends (null: as fast as the Meta sandbox accepts them). The default is about twice what
    /// the system delivers on a busy 2-core machine, so a backlog builds up and a fault injected part-way through
    /// finds messages at every stage: waiting at the Meta sandbox, queued, in a handler, on their way to Genesys.
    /// </summary>
    public double? MessagesPerSecond { get; init; } = 200;

    /// <summary>Every n-th message of the burst is an image (0: text only).</summary>
    public int ImageEvery { get; init; }

    /// <summary>How long the system gets, after the last send, to deliver everything and drain its queues.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The text of message <c>n</c> of a customer; the default names the burst, the customer and the number.</summary>
    public Func<string, int, string>? Text { get; init; }
}
