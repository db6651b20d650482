using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Keeps every status Meta reported (once each) and moves the message's current status forward only: a conditional
/// update that matches nothing when a stronger status is already there, so out-of-order and repeated events are harmless.
/// A campaign's message also moves its recipient row. All of it is one transaction (one commit per status).
/// Every <see cref="IHistoryChangeListener"/> hears of a move once it commits; a status that moves nothing is not passed on.
/// </summary>
public sealed class StatusRecorder(PortalDbContext db, AnalyticsCounters counters, RecipientStatusRecorder campaignRecipients,
    IEnumerable<IHistoryChangeListener> listeners, TimeProvider clock, ILogger<StatusRecorder> logger)
{
    public async Task RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        if (!HistoryStatuses.IsRecorded(status.Status))
        {
            logger.LogDebug("Status {Status} of {MessageId} is not kept in the history", status.Status, status.MessageId);
            return;
        }

        var moved = await RecordAndMoveAsync(status, ct);
        foreach (var conversationId in moved.Select(m => m.ConversationId))
        {
            var move = new HistoryStatusMove(status.TenantId, conversationId, status.MessageId, status.Status, status.FailureCode,
                status.FailureReason, status.OccurredAt.ToUniversalTime());
            foreach (var listener in listeners)
            {
                await listener.OnStatusMovedAsync(move, ct);
            }
        }
    }

    /// <summary>
    /// Keeps the status (unless this one is already kept), moves the message's current status forward, moves a
    /// campaign recipient's state, and adds both moves to the analytics in one upsert. The message row is locked and
    /// re-checked before the update, so of two concurrent deliveries of one status exactly one moves it and counts; a
    /// weaker or repeated status matches nothing and counts nothing. Returns the rows it moved, once committed.
    /// </summary>
    private async Task<List<StatusMove>> RecordAndMoveAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        var weaker = StatusPrecedence.Weaker(status.Status).ToArray();
        var at = status.OccurredAt.ToUniversalTime();
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The status kept and the message moved in one statement (a data-modifying WITH runs whatever the rest reads).
            var moved = await db.Database.SqlQuery<StatusMove>($"""
                WITH kept AS (
                    INSERT INTO history_message_statuses
                        (tenant_id, customer_id, message_id, status, occurred_at, failure_code, failure_reason, recorded_at)
                    VALUES ({status.TenantId}, {status.CustomerId}, {status.MessageId}, {status.Status}, {at},
                            {status.FailureCode}, {status.FailureReason}, {clock.GetUtcNow()})
                    ON CONFLICT (tenant_id, message_id, status) DO NOTHING),
                target AS (
                    SELECT id, status, occurred_at FROM history_messages
                    WHERE tenant_id = {status.TenantId} AND message_id = {status.MessageId} AND direction = {HistoryDirections.Outbound}
                      AND (status IS NULL OR status = ANY({weaker}))
                    FOR UPDATE)
                UPDATE history_messages AS m
                SET status = {status.Status}, status_at = {at}, failure_code = {status.FailureCode}, failure_reason = {status.FailureReason}
                FROM target WHERE m.id = target.id
                RETURNING target.status AS previous, target.occurred_at AS sent_at, m.conversation_id
                """).ToListAsync(ct);
            var figures = moved.SelectMany(m => MessageFigures.ForStatusChange(status.TenantId, m.SentAt, m.Previous, status.Status, status.FailureCode));
            var funnel = await campaignRecipients.MoveAsync(status, ct);
            // The history's figures and the campaign funnel's in one upsert: a statement fewer per campaign status.
            await counters.AddAsync(figures.Concat(funnel), ct);
            await transaction.CommitAsync(ct);
            return moved;
        });
    }

    /// <summary>What the conditional update changed: the status the message had, when it was sent, and its conversation (columns named by the context's snake_case convention).</summary>
    internal sealed record StatusMove(string? Previous, DateTimeOffset SentAt, Guid ConversationId);
}
