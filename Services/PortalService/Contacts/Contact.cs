namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>
/// Someone a tenant can message: known by an E.164 phone number, a BSUID or both (each unique within the tenant),
/// with a name, free attributes (template parameters later) and tags, and whether they accept marketing.
/// Ids are UUIDv7, so they sort by creation and serve as the keyset for paging.
/// </summary>
public sealed class Contact
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Bsuid { get; set; }
    public string? Name { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = [];
    public List<string> Tags { get; set; } = [];

    /// <summary><see cref="Consent.ConsentStatus"/>: opted in or out of marketing.</summary>
    public required string ConsentStatus { get; set; }

    /// <summary><see cref="Consent.ConsentSources"/>: what last changed <see cref="ConsentStatus"/>.</summary>
    public required string ConsentSource { get; set; }

    public DateTimeOffset ConsentChangedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
