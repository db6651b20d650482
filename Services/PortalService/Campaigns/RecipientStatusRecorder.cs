using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;

namespace WhatsAppGenesys.PortalService.Campaigns;

/// <summary>
/// Meta's delivered / read / failed for a campaign message, found by its wamid, moves its recipient forward with the
/// history's precedence (read beats delivered beats failed beats sent), so late or repeated statuses never move it back.
/// A failure keeps Meta's code and reason. A forward move yields what it newly reached in the campaign's funnel
/// (<see cref="StatusReach"/>: read without delivered counts both), in the hour the message was sent, for the caller
/// to add in the move's transaction: the row is locked and re-checked before the update, so of two deliveries of one
/// status exactly one moves it and counts.
/// </summary>
public sealed class RecipientStatusRecorder(PortalDbContext db)
{
    /// <summary>
    /// Moves the recipient of the campaign message the status is about, if there is one. Runs inside the caller's
    /// transaction (the history's status recorder), so the recipient and the history move together; the caller adds
    /// the returned funnel figures in that transaction too, with its own in one upsert.
    /// </summary>
    public async Task<IReadOnlyList<CounterIncrement>> MoveAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        var weaker = StatusPrecedence.Weaker(status.Status).ToArray();
        if (weaker.Length == 0)
        {
            return [];
        }
        var at = status.OccurredAt.ToUniversalTime();
        var failed = status.Status == RecipientStates.Failed;
        var moves = await db.Database.SqlQuery<RecipientMove>($"""
            WITH target AS (
                SELECT campaign_id, contact_id, state, sent_at FROM campaign_recipients
                WHERE tenant_id = {status.TenantId} AND wamid = {status.MessageId} AND state = ANY({weaker})
                FOR UPDATE)
            UPDATE campaign_recipients AS r
            SET state = {status.Status}, status_at = {at},
                failure_code = CASE WHEN {failed} THEN {status.FailureCode} ELSE r.failure_code END,
                failure_reason = CASE WHEN {failed} THEN {status.FailureReason} ELSE r.failure_reason END
            FROM target WHERE r.campaign_id = target.campaign_id AND r.contact_id = target.contact_id
            RETURNING target.campaign_id AS campaign_id, target.state AS previous, target.sent_at AS sent_at
            """).ToListAsync(ct);
        var reached = new List<CounterIncrement>();
        foreach (var move in moves)
        {
            var sentAt = move.SentAt ?? at;
            if (StatusReach.Delivered(move.Previous, status.Status))
            {
                reached.Add(CampaignFunnel.Increment(status.TenantId, move.CampaignId, CampaignFunnelStage.Delivered, sentAt));
            }
            if (StatusReach.Read(move.Previous, status.Status))
            {
                reached.Add(CampaignFunnel.Increment(status.TenantId, move.CampaignId, CampaignFunnelStage.Read, sentAt));
            }
        }
        return reached;
    }

    /// <summary>What the conditional update changed (columns named by the context's snake_case convention).</summary>
    internal sealed record RecipientMove(Guid CampaignId, string Previous, DateTimeOffset? SentAt);
}
