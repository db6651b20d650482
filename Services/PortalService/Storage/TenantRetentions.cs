using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService.Storage;

/// <summary>
/// Every tenant's storage retention (tenant service) and history retention (this service's settings), read once per
/// run. A tenant either does not know gets the defaults, so objects of a tenant removed since still expire.
/// </summary>
public sealed record TenantRetentions(IReadOnlyDictionary<string, StorageRetention> Storage, IReadOnlyDictionary<string, int> HistoryDays)
{
    public StorageRetention StorageFor(string tenantId) => Storage.GetValueOrDefault(tenantId) ?? StorageRetention.Defaults;

    public int HistoryDaysFor(string tenantId) =>
        HistoryDays.TryGetValue(tenantId, out var days) ? days : PortalSettings.Defaults.HistoryRetentionDays;

    /// <summary>The tenants the S3 rules are written for: every tenant the tenant service lists.</summary>
    public IEnumerable<string> Tenants => Storage.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every tenant either source names.</summary>
    public IEnumerable<string> KnownTenants => Storage.Keys.Union(HistoryDays.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

/// <summary>Reads <see cref="TenantRetentions"/>; throws when the tenant service cannot answer, so a run changes nothing on guesses.</summary>
public sealed class TenantRetentionsReader(HttpClient http, PortalDbContext db)
{
    public static readonly Uri DefaultBaseAddress = new("http://" + Contracts.ServiceNames.TenantService);

    public async Task<TenantRetentions> ReadAsync(CancellationToken ct)
    {
        var storage = await http.GetFromJsonAsync<List<TenantStorageRetention>>("/internal/tenants/storage-retention", ct) ?? [];
        var history = await db.Settings.AsNoTracking().Select(s => new { s.TenantId, s.HistoryRetentionDays }).ToListAsync(ct);
        return new TenantRetentions(
            storage.ToDictionary(t => t.TenantId, t => t.Retention, StringComparer.Ordinal),
            history.ToDictionary(h => h.TenantId, h => h.HistoryRetentionDays, StringComparer.Ordinal));
    }
}
