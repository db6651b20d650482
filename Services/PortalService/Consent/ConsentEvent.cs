namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>
/// One entry of a contact's consent history: every opt-in, opt-out and re-subscription, with what caused it. A change
/// caused by a customer's message carries that message's id, unique per tenant, so a message seen twice changes and
/// acknowledges once; <see cref="AcknowledgedAt"/> says the customer was sent the acknowledgement.
/// </summary>
public sealed class ConsentEvent
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public Guid ContactId { get; set; }

    /// <summary><see cref="ConsentActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary><see cref="ConsentSources"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The customer's message (wamid) that caused it, if one did.</summary>
    public string? MessageId { get; set; }

    /// <summary>Free text from the API caller or the keyword that matched.</summary>
    public string? Note { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>The wamid of the acknowledgement sent to the customer.</summary>
    public string? AcknowledgementMessageId { get; set; }
}
