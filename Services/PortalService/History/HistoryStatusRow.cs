namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// One status Meta reported for one of our messages (table <c>history_message_statuses</c>), unique on tenant,
/// wamid and status. Kept apart from the message row: a status may arrive before its message is stored.
/// </summary>
public sealed class HistoryStatusRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string CustomerId { get; set; }
    public required string MessageId { get; set; }
    public required string Status { get; set; }

    /// <summary>Meta's timestamp of the status.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
