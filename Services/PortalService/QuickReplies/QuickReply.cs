namespace WhatsAppGenesys.PortalService.QuickReplies;

/// <summary>A workspace's saved answer: a title agents find it by and the text the composer inserts. Titles are unique per tenant.</summary>
public sealed class QuickReply
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }

    /// <summary>The name of the supervisor or admin who last wrote it.</summary>
    public string? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
