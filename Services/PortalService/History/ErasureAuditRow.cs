namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// A customer erased on request (table <c>history_erasures</c>): who asked, when, and how much went. It
/// names the customer only by a hash (SHA-256 of tenant and customer id) and holds no content.
/// </summary>
public sealed class ErasureAuditRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string CustomerHash { get; set; }
    public int MessagesDeleted { get; set; }
    public int StatusesDeleted { get; set; }
    public int MediaObjectsDeleted { get; set; }
    public int ArchiveObjectsDeleted { get; set; }
    public int ContactsDeleted { get; set; }
    public int ConsentEventsDeleted { get; set; }

    /// <summary>Opted-out contacts kept as number and opt-out only, so the opt-out is still honoured.</summary>
    public int OptOutsKept { get; set; }

    /// <summary>The API key the gateway authenticated (its id, never the key), or "unknown".</summary>
    public required string RequestedBy { get; set; }

    public string? CorrelationId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}
