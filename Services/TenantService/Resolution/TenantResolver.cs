using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.TenantService.Infrastructure;
using WhatsAppGenesys.TenantService.Tenants;

namespace WhatsAppGenesys.TenantService.Resolution;

/// <summary>Resolution on the hot path: Redis first, PostgreSQL on a miss, then cache what was found.</summary>
public sealed class TenantResolver(TenantDbContext db, TenantCache cache)
{
    public async Task<TenantResolution?> ByIdAsync(string tenantId, CancellationToken cancellationToken)
    {
        return await cache.GetAsync(tenantId) ?? await LoadAsync(t => t.Id == tenantId, cancellationToken);
    }

    public async Task<TenantResolution?> ByPhoneNumberIdAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        // The index key may be stale (the number moved to another tenant); trust it only if the tenant's current
        // configuration still lists the number.
        if (await cache.GetTenantIdByPhoneNumberIdAsync(phoneNumberId) is { } tenantId &&
            await cache.GetAsync(tenantId) is { } cached &&
            cached.WhatsApp?.PhoneNumberIds.Contains(phoneNumberId) == true)
        {
            return cached;
        }
        return await LoadAsync(t => t.PhoneNumbers.Any(p => p.PhoneNumberId == phoneNumberId), cancellationToken);
    }

    public async Task<TenantResolution?> ByIntegrationIdAsync(string integrationId, CancellationToken cancellationToken)
    {
        if (await cache.GetTenantIdByIntegrationIdAsync(integrationId) is { } tenantId &&
            await cache.GetAsync(tenantId) is { } cached &&
            cached.Genesys?.IntegrationId == integrationId)
        {
            return cached;
        }
        return await LoadAsync(t => t.GenesysIntegrationId == integrationId, cancellationToken);
    }

    /// <summary>
    /// The tenant whose RCS agent this is (an agent belongs to one tenant: a unique index). Read from the database:
    /// callers (rcs-api's webhook) keep the answer in memory until the tenant changes.
    /// </summary>
    public Task<TenantResolution?> ByRcsAgentIdAsync(string agentId, CancellationToken cancellationToken) =>
        LoadAsync(t => t.RcsAgentId == agentId, cancellationToken);

    /// <summary>
    /// Every tenant with this WABA, active or not (usually one; nothing stops two tenants from naming the same account,
    /// so the caller tells them apart, e.g. by whose app secret signed the webhook). Read from the database: account
    /// webhooks are rare, and callers cache what they need.
    /// </summary>
    public async Task<IReadOnlyList<TenantResolution>> ByWabaIdAsync(string wabaId, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking()
            .Include(t => t.PhoneNumbers)
            .Where(t => t.WabaId == wabaId)
            .OrderBy(t => t.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        return tenants.Select(TenantMapping.ToResolution).ToList();
    }

    private async Task<TenantResolution?> LoadAsync(
        System.Linq.Expressions.Expression<Func<Model.Tenant, bool>> predicate, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking()
            .Include(t => t.PhoneNumbers)
            .FirstOrDefaultAsync(predicate, cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        var resolution = TenantMapping.ToResolution(tenant);
        await cache.StoreAsync(resolution);
        return resolution;
    }
}
