using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Settings;

/// <summary>Reads and writes one tenant's portal settings.</summary>
public sealed class PortalSettingsStore(PortalDbContext db, TimeProvider clock)
{
    public async Task<PortalSettings> GetAsync(string tenantId, CancellationToken ct) =>
        await db.Settings.AsNoTracking().Where(s => s.TenantId == tenantId).FirstOrDefaultAsync(ct) is { } row
            ? new PortalSettings(row.HistoryRetentionDays, row.OptOutKeywords, row.OptInKeywords, row.OptOutAcknowledgement, row.OptInAcknowledgement,
                row.CampaignMessagingLimit)
            : PortalSettings.Defaults;

    /// <summary>Replaces the tenant's settings (they are validated by the caller).</summary>
    public async Task<PortalSettings> SaveAsync(string tenantId, PortalSettings settings, CancellationToken ct)
    {
        var row = await db.Settings.FirstOrDefaultAsync(s => s.TenantId == tenantId, ct);
        if (row is null)
        {
            row = new PortalSettingsRow { TenantId = tenantId, OptOutAcknowledgement = "", OptInAcknowledgement = "" };
            db.Settings.Add(row);
        }
        row.HistoryRetentionDays = settings.HistoryRetentionDays;
        row.OptOutKeywords = PortalSettings.Normalize(settings.OptOutKeywords);
        row.OptInKeywords = PortalSettings.Normalize(settings.OptInKeywords);
        row.OptOutAcknowledgement = settings.OptOutAcknowledgement.Trim();
        row.OptInAcknowledgement = settings.OptInAcknowledgement.Trim();
        row.CampaignMessagingLimit = settings.CampaignMessagingLimit;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await GetAsync(tenantId, ct);
    }
}
