using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>A tenant's campaigns as the API reads and steers them; every query names the tenant.</summary>
public sealed class CampaignStore(PortalDbContext db, TimeProvider clock)
{
    public async Task<Campaign> AddAsync(Campaign campaign, CancellationToken ct)
    {
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public Task<Campaign?> FindAsync(string tenantId, Guid id, CancellationToken ct) =>
        db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, ct);

    /// <summary>The campaigns that sent the contact a message, the latest send first.</summary>
    public async Task<IReadOnlyList<(Campaign Campaign, CampaignRecipient Recipient)>> SentToAsync(string tenantId, Guid contactId, int limit,
        CancellationToken ct)
    {
        var rows = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.ContactId == contactId && r.SentAt != null)
            .Join(db.Campaigns.AsNoTracking().Where(c => c.TenantId == tenantId), r => r.CampaignId, c => c.Id, (r, c) => new { Campaign = c, Recipient = r })
            .OrderByDescending(x => x.Recipient.SentAt)
            .Take(limit)
            .ToListAsync(ct);
        return [.. rows.Select(x => (x.Campaign, x.Recipient))];
    }

    /// <summary>Newest first, by keyset on the UUIDv7 id.</summary>
    public async Task<Page<Campaign>> ListAsync(string tenantId, string? status, Guid? before, int limit, CancellationToken ct)
    {
        var query = db.Campaigns.AsNoTracking().Where(c => c.TenantId == tenantId);
        if (status is not null)
        {
            query = query.Where(c => c.Status == status);
        }
        if (before is { } cursor)
        {
            query = query.Where(c => c.Id < cursor);
        }
        var items = await query.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var more = items.Count > limit;
        var page = items.Take(limit).ToList();
        return new Page<Campaign>(page, more ? Cursor.Encode(page[^1].Id) : null);
    }

    /// <summary>Recipients per state (states nobody is in are 0).</summary>
    public async Task<Dictionary<string, int>> CountsAsync(string tenantId, Guid id, CancellationToken ct)
    {
        var counts = await db.CampaignRecipients.Where(r => r.TenantId == tenantId && r.CampaignId == id)
            .GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        return RecipientStates.All.ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0);
    }

    public async Task<Page<CampaignRecipient>> RecipientsAsync(string tenantId, Guid id, string? state, Guid? after, int limit, CancellationToken ct)
    {
        var query = db.CampaignRecipients.AsNoTracking().Where(r => r.TenantId == tenantId && r.CampaignId == id);
        if (state is not null)
        {
            query = query.Where(r => r.State == state);
        }
        if (after is { } cursor)
        {
            query = query.Where(r => r.ContactId > cursor);
        }
        var items = await query.OrderBy(r => r.ContactId).Take(limit + 1).ToListAsync(ct);
        var more = items.Count > limit;
        var page = items.Take(limit).ToList();
        return new Page<CampaignRecipient>(page, more ? Cursor.Encode(page[^1].ContactId) : null);
    }

    /// <summary>Running or scheduled → paused. False when the campaign is in no state that can be paused.</summary>
    public async Task<bool> PauseAsync(string tenantId, Guid id, CancellationToken ct) =>
        await db.Campaigns.Where(c => c.TenantId == tenantId && c.Id == id && CampaignStatuses.Runnable.Contains(c.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatuses.Paused).SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct) > 0;

    /// <summary>Paused → running (scheduled when its start is still ahead). The API wakes the scheduler to pick it up.</summary>
    public async Task<bool> ResumeAsync(string tenantId, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Campaigns.Where(c => c.TenantId == tenantId && c.Id == id && c.Status == CampaignStatuses.Paused)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, c => c.ScheduledAt > now ? CampaignStatuses.Scheduled : CampaignStatuses.Running)
                .SetProperty(c => c.UpdatedAt, now), ct) > 0;
    }

    /// <summary>
    /// Ends the campaign for good; recipients not sent yet are skipped as cancelled. A send already under way when
    /// this commits still completes (its recipient then shows sent): cancelling stops the next send, not one in flight.
    /// </summary>
    public async Task<bool> CancelAsync(string tenantId, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var cancelled = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Campaigns
                .Where(c => c.TenantId == tenantId && c.Id == id && c.Status != CampaignStatuses.Completed && c.Status != CampaignStatuses.Cancelled)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatuses.Cancelled)
                    .SetProperty(c => c.CompletedAt, now).SetProperty(c => c.UpdatedAt, now), ct) > 0;
            if (changed)
            {
                await db.CampaignRecipients.Where(r => r.TenantId == tenantId && r.CampaignId == id && r.State == RecipientStates.Queued)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, RecipientStates.Skipped)
                        .SetProperty(r => r.FailureReason, CampaignReasons.Cancelled).SetProperty(r => r.UpdatedAt, now), ct);
            }
            await transaction.CommitAsync(ct);
            return changed;
        });
        return cancelled;
    }
}
