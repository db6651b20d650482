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
}
