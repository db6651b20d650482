using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Keeps every status Meta reported (once each) and moves the message's current status forward only: a conditional
/// update that matches nothing when a stronger status is already there, so out-of-order and repeated events are harmless.
/// </summary>
public sealed class StatusRecorder(PortalDbContext db, RecipientStatusRecorder campaignRecipients, TimeProvider clock, ILogger<StatusRecorder> logger)
{
    public async Task RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        if (!HistoryStatuses.IsRecorded(status.Status))
        {
            logger.LogDebug("Status {Status} of {MessageId} is not kept in the history", status.Status, status.MessageId);
            return;
        }
        var known = await db.Statuses.AnyAsync(s => s.TenantId == status.TenantId && s.MessageId == status.MessageId && s.Status == status.Status, ct);
        if (!known)
        {
            db.Statuses.Add(HistoryRows.From(status, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
            }
        }

        var weaker = StatusPrecedence.Weaker(status.Status);
        DateTimeOffset? at = status.OccurredAt.ToUniversalTime();
        await db.Messages
            .Where(m => m.TenantId == status.TenantId && m.MessageId == status.MessageId && m.Direction == HistoryDirections.Outbound
                && (m.Status == null || weaker.Contains(m.Status)))
            .ExecuteUpdateAsync(update => update
                .SetProperty(m => m.Status, status.Status)
                .SetProperty(m => m.StatusAt, at)
                .SetProperty(m => m.FailureCode, status.FailureCode)
                .SetProperty(m => m.FailureReason, status.FailureReason), ct);
        // A campaign's message has no history row of its own; its recipient is where the status shows.
        await campaignRecipients.RecordAsync(status, ct);
    }
}
