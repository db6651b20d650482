namespace WhatsAppGenesys.TenantService.Model;

/// <summary>A WhatsApp phone number id; the primary key makes it unique across tenants (Meta routes by it).</summary>
public sealed class TenantPhoneNumber
{
    public required string PhoneNumberId { get; init; }

    public required string TenantId { get; init; }
}
