using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>One page of a tenant's erasure audit, newest first; <see cref="NextBefore"/> asks for the older ones.</summary>
public sealed record ErasureAuditPage(IReadOnlyList<ErasureAuditEntry> Items, long? NextBefore);

/// <summary>An erasure as an auditor reads it: who asked, when, and how much went; the customer only as a hash.</summary>
public sealed record ErasureAuditEntry(long AuditId, string CustomerHash, string RequestedBy, string? CorrelationId,
    DateTimeOffset RequestedAt, DateTimeOffset CompletedAt, int MessagesDeleted, int StatusesDeleted, int MediaObjectsDeleted,
    int ArchiveObjectsDeleted, int ContactsDeleted, int ConsentEventsDeleted, int OptOutsKept);

/// <summary>
/// Reads the erasure audit (<c>history_erasures</c>) of one tenant, keyset-paged by audit id. An auditor looking for a
/// given customer hashes tenant and customer the same way (<see cref="CustomerErasure.HashOf"/>) and filters on it.
/// </summary>
public sealed class ErasureAuditLog(PortalDbContext db)
{
    public async Task<ErasureAuditPage> ListAsync(string tenantId, string? customerHash, long? before, int limit, CancellationToken ct)
    {
        var rows = db.Erasures.AsNoTracking().Where(a => a.TenantId == tenantId);
        if (customerHash is not null)
        {
            rows = rows.Where(a => a.CustomerHash == customerHash);
        }
        if (before is { } id)
        {
            rows = rows.Where(a => a.Id < id);
        }
        var page = await rows.OrderByDescending(a => a.Id).Take(limit + 1)
            .Select(a => new ErasureAuditEntry(a.Id, a.CustomerHash, a.RequestedBy, a.CorrelationId, a.RequestedAt, a.CompletedAt,
                a.MessagesDeleted, a.StatusesDeleted, a.MediaObjectsDeleted, a.ArchiveObjectsDeleted, a.ContactsDeleted, a.ConsentEventsDeleted, a.OptOutsKept))
            .ToListAsync(ct);
        return page.Count > limit ? new ErasureAuditPage(page[..limit], page[limit - 1].AuditId) : new ErasureAuditPage(page, null);
    }
}
