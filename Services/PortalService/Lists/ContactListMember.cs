namespace WhatsAppGenesys.PortalService.Lists;

/// <summary>A contact put into a static list; goes when either the list or the contact is deleted.</summary>
public sealed class ContactListMember
{
    public Guid ListId { get; set; }
    public Guid ContactId { get; set; }
    public required string TenantId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
