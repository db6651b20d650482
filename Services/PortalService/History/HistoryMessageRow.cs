namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// One message of a conversation (table <c>history_messages</c>), unique on tenant, direction and message id (the
/// wamid). Times are the provider's; <see cref="Status"/> is the strongest status Meta reported so far.
/// </summary>
public sealed class HistoryMessageRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public Guid ConversationId { get; set; }
    public required string CustomerId { get; set; }
    public string? WaId { get; set; }
    public string? Bsuid { get; set; }
    public string? PhoneNumberId { get; set; }
    public required string Direction { get; set; }
    public required string MessageId { get; set; }
    public string? GenesysMessageId { get; set; }
    public required string Type { get; set; }
    public string? Text { get; set; }

    /// <summary>Text and media caption together: what the trigram index covers and search matches.</summary>
    public string? SearchText { get; set; }

    public string? MediaBucket { get; set; }
    public string? MediaKey { get; set; }
    public string? MediaMimeType { get; set; }
    public string? MediaFilename { get; set; }
    public string? MediaCaption { get; set; }
    public long? MediaSize { get; set; }
    public string? TemplateName { get; set; }
    public string? TemplateLanguage { get; set; }
    public List<string>? TemplateParameters { get; set; }
    public string? ReactionEmoji { get; set; }
    public string? ReactionMessageId { get; set; }
    public string? ReplyToMessageId { get; set; }
    public string? CustomerName { get; set; }
    public string? AgentId { get; set; }
    public string? AgentName { get; set; }

    /// <summary>Meta's timestamp for a customer's message, Genesys's for an agent's.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Where the raw webhook that carried the message is archived.</summary>
    public string? ArchiveBucket { get; set; }
    public string? ArchiveKey { get; set; }

    public string? Status { get; set; }
    public DateTimeOffset? StatusAt { get; set; }
    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>When the portal stored the row.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>
    /// No longer written: customer messages once recorded here when every <see cref="IInboundMessageObserver"/> had
    /// them; now the observers are called on every delivery (they are idempotent). The column stays for a release, so
    /// replicas of the previous one, which still read and write it, keep working during a rolling deploy; a later
    /// migration drops it.
    /// </summary>
    public DateTimeOffset? ObservedAt { get; set; }
}
