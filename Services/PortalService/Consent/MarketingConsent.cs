using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>
/// The one question a campaign asks before each marketing message: may this contact be sent it? An opted-out contact
/// never may. Asked at send time rather than when the audience was drawn, so an opt-out during a long campaign holds.
/// </summary>
public sealed class MarketingConsent(PortalDbContext db)
{
    /// <summary>True only for an existing contact of the tenant that is opted in.</summary>
    public Task<bool> IsMarketingAllowedAsync(string tenantId, Guid contactId, CancellationToken ct) =>
        db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.Id == contactId && c.ConsentStatus == ConsentStatus.OptedIn, ct);

    /// <summary>
    /// By address (an E.164 number or a BSUID), for recipients that may not be contacts: false when the address is
    /// malformed or belongs to an opted-out contact, true otherwise (nobody asked not to be messaged).
    /// </summary>
    public async Task<bool> IsMarketingAllowedAsync(string tenantId, string phoneOrBsuid, CancellationToken ct)
    {
        if (Bsuids.IsValid(phoneOrBsuid))
        {
            return !await db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.Bsuid == phoneOrBsuid && c.ConsentStatus == ConsentStatus.OptedOut, ct);
        }
        var number = PhoneNumbers.Normalize(phoneOrBsuid.StartsWith('+') ? phoneOrBsuid : "+" + phoneOrBsuid);
        return number.IsValid
            && !await db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.PhoneNumber == number.E164 && c.ConsentStatus == ConsentStatus.OptedOut, ct);
    }
}
