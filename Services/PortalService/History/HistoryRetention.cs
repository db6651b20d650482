using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// One sweep of history retention: per tenant, messages whose provider time is older than the tenant's retention
/// (the default for tenants that never saved settings) are deleted in batches, media objects first and rows after,
/// with their statuses. A crash mid-batch leaves rows whose media is gone; the next sweep deletes them.
/// </summary>
public sealed class HistoryRetention(PortalDbContext db, HistoryObjects objects, TimeProvider clock, IOptions<HistoryOptions> options)
{
    /// <summary>Returns how many messages were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var configured = await db.Settings.AsNoTracking().Select(s => new { s.TenantId, s.HistoryRetentionDays }).ToListAsync(ct);
        var deleted = 0;
        foreach (var tenant in configured)
        {
            deleted += await SweepAsync(db.Messages.Where(m => m.TenantId == tenant.TenantId), db.Statuses.Where(s => s.TenantId == tenant.TenantId),
                now.AddDays(-tenant.HistoryRetentionDays), ct);
        }
        var withSettings = configured.Select(t => t.TenantId).ToList();
        deleted += await SweepAsync(db.Messages.Where(m => !withSettings.Contains(m.TenantId)), db.Statuses.Where(s => !withSettings.Contains(s.TenantId)),
            now.AddDays(-PortalSettings.Defaults.HistoryRetentionDays), ct);
        return deleted;
    }

    private async Task<int> SweepAsync(IQueryable<HistoryMessageRow> messages, IQueryable<HistoryStatusRow> statuses, DateTimeOffset cutoff, CancellationToken ct)
    {
        var batchSize = options.Value.Retention.BatchSize;
        var deleted = 0;
        while (true)
        {
            var expired = await messages.AsNoTracking().Where(m => m.OccurredAt < cutoff).OrderBy(m => m.OccurredAt).Take(batchSize)
                .Select(m => new { m.Id, m.MessageId, m.MediaBucket, m.MediaKey })
                .ToListAsync(ct);
            if (expired.Count == 0)
            {
                break;
            }
            await objects.DeleteAsync(expired.Select(e => (e.MediaBucket, e.MediaKey)), ct);
            var ids = expired.Select(e => e.Id).ToList();
            var messageIds = expired.Select(e => e.MessageId).ToList();
            await statuses.Where(s => messageIds.Contains(s.MessageId)).ExecuteDeleteAsync(ct);
            deleted += await db.Messages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
            if (expired.Count < batchSize)
            {
                break;
            }
        }
        // Statuses whose message was never stored (or already went) expire by their own time.
        List<long> orphans;
        do
        {
            orphans = await statuses.Where(s => s.OccurredAt < cutoff).OrderBy(s => s.Id).Take(batchSize).Select(s => s.Id).ToListAsync(ct);
            await db.Statuses.Where(s => orphans.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }
        while (orphans.Count == batchSize);
        return deleted;
    }
}
