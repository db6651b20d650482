using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Which process runs a campaign, held in its row: a claim takes a due campaign whose lease ran out (<c>FOR UPDATE
/// SKIP LOCKED</c>, so replicas never claim the same one), a heartbeat renews it while sending, and every other
/// change (wait, complete, release) is made only by the lease's owner. A killed process simply stops renewing; its
/// campaigns are claimed again once <see cref="CampaignOptions.LeaseDuration"/> has passed.
/// </summary>
public sealed class CampaignLease(PortalDbContext db, TimeProvider clock)
{
    /// <summary>A due campaign for <paramref name="owner"/>, now running; null when none is due.</summary>
    public async Task<Guid?> ClaimAsync(string owner, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + duration;
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE campaigns SET lease_owner = {owner}, lease_until = {until}, status = {CampaignStatuses.Running},
                   started_at = COALESCE(started_at, {now}), updated_at = {now}
            WHERE id = (SELECT id FROM campaigns
                        WHERE status IN ({CampaignStatuses.Scheduled}, {CampaignStatuses.Running}) AND scheduled_at <= {now}
                          AND (waiting_until IS NULL OR waiting_until <= {now})
                          AND (lease_until IS NULL OR lease_until < {now})
                        ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        return claimed.Count == 0 ? null : claimed[0];
    }

    /// <summary>Renews the lease; the campaign's status, or null when this process no longer holds it.</summary>
    public async Task<string?> HeartbeatAsync(Guid id, string owner, TimeSpan duration, CancellationToken ct)
    {
        var until = clock.GetUtcNow() + duration;
        var status = await db.Database.SqlQuery<string>($"""
            UPDATE campaigns SET lease_until = {until} WHERE id = {id} AND lease_owner = {owner} RETURNING status AS "Value"
            """).ToListAsync(ct);
        return status.Count == 0 ? null : status[0];
    }

    /// <summary>Nothing is sent before <paramref name="until"/>; the lease is given up meanwhile (any replica may continue).</summary>
    public Task WaitAsync(Guid id, string owner, DateTimeOffset until, string reason, CancellationToken ct) =>
        db.Campaigns.Where(c => c.Id == id && c.LeaseOwner == owner).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.WaitingUntil, until)
            .SetProperty(c => c.WaitReason, reason.Length > 256 ? reason[..256] : reason)
            .SetProperty(c => c.LeaseOwner, (string?)null)
            .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(c => c.UpdatedAt, clock.GetUtcNow()), ct);

    /// <summary>Sending goes on: whatever the campaign waited for is over.</summary>
    public Task ClearWaitAsync(Guid id, string owner, CancellationToken ct) =>
        db.Campaigns.Where(c => c.Id == id && c.LeaseOwner == owner && c.WaitReason != null).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.WaitingUntil, (DateTimeOffset?)null)
            .SetProperty(c => c.WaitReason, (string?)null), ct);

    /// <summary>Every recipient is done: the campaign is completed (unless it was paused or cancelled meanwhile).</summary>
    public Task CompleteAsync(Guid id, string owner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Campaigns.Where(c => c.Id == id && c.LeaseOwner == owner && c.Status == CampaignStatuses.Running).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Status, CampaignStatuses.Completed)
            .SetProperty(c => c.CompletedAt, now)
            .SetProperty(c => c.UpdatedAt, now)
            .SetProperty(c => c.WaitingUntil, (DateTimeOffset?)null)
            .SetProperty(c => c.WaitReason, (string?)null)
            .SetProperty(c => c.LeaseOwner, (string?)null)
            .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), ct);
    }

    /// <summary>Gives the campaign up (paused, cancelled, or this process stopping).</summary>
    public Task ReleaseAsync(Guid id, string owner, CancellationToken ct) =>
        db.Campaigns.Where(c => c.Id == id && c.LeaseOwner == owner).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.LeaseOwner, (string?)null)
            .SetProperty(c => c.LeaseUntil, (DateTimeOffset?)null), ct);
}
