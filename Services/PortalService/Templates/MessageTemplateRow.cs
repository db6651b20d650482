namespace WhatsAppGenesys.PortalService.Templates;

/// <summary>
/// One of a tenant's message templates as Meta knows it: a name in one language. Meta's id, status and definition
/// are copied here by a sync, a create and the status webhooks; Meta stays the authority.
/// </summary>
public sealed class MessageTemplateRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }

    /// <summary>Meta's template id (a number, kept as Meta lists it: a string).</summary>
    public required string MetaId { get; set; }
    public required string Name { get; set; }
    public required string Language { get; set; }
    public required string Category { get; set; }
    public required string Status { get; set; }
    public string? RejectedReason { get; set; }

    /// <summary>"POSITIONAL" or "NAMED".</summary>
    public required string ParameterFormat { get; set; }

    /// <summary>The definition's components (HEADER, BODY, FOOTER, BUTTONS) as Meta's JSON array.</summary>
    public required string Components { get; set; }

    /// <summary>
    /// When the current status was true at Meta, in whole seconds: a status webhook's time, or when we last read the
    /// status from Meta. An update dated before it is older news and changes nothing.
    /// </summary>
    public DateTimeOffset StatusAt { get; set; }

    /// <summary>The last sync that saw this template in Meta's list; null until one has.</summary>
    public DateTimeOffset? LastSyncedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
