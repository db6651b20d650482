namespace WhatsAppGenesys.Contracts.Events;

/// <summary>
/// What the WhatsApp webhook service queues for portal-service when Meta posts a <c>message_template_status_update</c>:
/// one template (a name in one language) of a tenant's WABA has a new status. <see cref="OccurredAt"/> is the
/// entry's <c>time</c> (whole seconds, Meta's clock): the consumer never lets an older event overwrite a newer status.
/// </summary>
public sealed record TemplateStatusChanged(
    string EventId,
    string TenantId,
    string WabaId,
    string TemplateId,
    string Name,
    string Language,
    string Status,
    string? Reason,
    string? Category,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReceivedAt,
    string? ArchiveKey)
{
    public const string EventType = "template-status-changed";

    /// <summary>One template name's updates in order, whatever its language: they are few and come from one review.</summary>
    public string OrderingKey => $"{TenantId}:{Name}";
}
