namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>Section <c>Receipts</c>.</summary>
public sealed class ReceiptOptions
{
    public const string SectionName = "Receipts";

    /// <summary>
    /// Attempts for a status whose wamid is not in the ledger: it may have overtaken the send it is about. Few and
    /// short, because a retried status holds back the customer's next messages; after them it is a message some other
    /// tool sent from the number, and is dropped.
    /// </summary>
    public int UnknownStatusAttempts { get; set; } = 4;

    public TimeSpan UnknownStatusDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the first attempt waits, in the handler, before it looks for an unknown wamid once more. Meta can post
    /// a "sent" within tens of milliseconds of accepting a send, before the sender has written the wamid into the
    /// ledger; a short wait here finds it with one more lookup, where a retry costs two publishes and two deliveries
    /// through the delay queue, and holds the customer's next messages for a second. Zero turns the wait off.
    /// </summary>
    public TimeSpan UnknownStatusFirstWait { get; set; } = TimeSpan.FromMilliseconds(300);
}
