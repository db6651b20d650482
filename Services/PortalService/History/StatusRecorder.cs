using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Keeps every status Meta reported (once each) and moves the message's current status forward only: a conditional
/// update that matches nothing when a stronger status is already there, so out-of-order and repeated events are harmless.
/// A campaign's message also moves its recipient row (found by the wamid). All of it is one transaction (one commit per status).
/// Every <see cref="IHistoryChangeListener"/> hears of a move once it commits; a status that moves nothing is not passed on.
/// </summary>
public sealed class StatusRecorder(PortalDbContext db, AnalyticsCounters counters,
    IEnumerable<IHistoryChangeListener> listeners, TimeProvider clock, ILogger<StatusRecorder> logger)
{
    public async Task RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        if (!HistoryStatuses.IsRecorded(status.Status))
        {
            logger.LogDebug("Status {Status} of {MessageId} is not kept in the history", status.Status, status.MessageId);
            return;
        }

        foreach (var conversationId in await RecordAndMoveAsync(status, ct))
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
    /// campaign recipient's state (the campaign message with this wamid, if it is one), and adds both moves to the
    /// analytics in one upsert. The first three are one statement, so a status that moves its message costs two
    /// statements and a commit; one that moves none waits for any insert of the message's row in flight and runs the
    /// first statement again (<see cref="HistoryMessageLock"/>).
    /// The message and recipient rows are locked and re-checked before the update, so of two concurrent deliveries
    /// of one status exactly one moves them and counts; a weaker or repeated status matches nothing and counts
    /// nothing. Returns the conversations of the messages it moved, once committed.
    /// </summary>
    private async Task<List<Guid>> RecordAndMoveAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        var weaker = StatusPrecedence.Weaker(status.Status).ToArray();
        var at = status.OccurredAt.ToUniversalTime();
        var failed = status.Status == RecipientStates.Failed;
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await MoveAsync();
            if (!moved.Any(m => m.CampaignId is null))
            {
                // No message moved: its row may not be there yet, or be in an insert still in flight (a campaign's or a
                // portal send's row is stored by this service, outside the pipeline). Wait for such an insert and look
                // again; the statement is idempotent within the transaction (HistoryMessageLock). A status that moves
                // its message, nearly every one, costs nothing more.
                await HistoryMessageLock.TakeAsync(db, status.TenantId, status.MessageId, ct);
                moved.AddRange(await MoveAsync());
            }
            var figures = moved.SelectMany(m => m.CampaignId is { } campaignId
                ? CampaignFunnel.ForRecipientMove(status.TenantId, campaignId, m.Previous, status.Status, m.SentAt ?? at)
                : MessageFigures.ForStatusChange(status.TenantId, m.SentAt ?? at, m.Previous, status.Status, status.FailureCode));
            // The history's figures and the campaign funnel's in one upsert.
            await counters.AddAsync(figures, ct);
            await transaction.CommitAsync(ct);
            return moved.Where(m => m.ConversationId is not null).Select(m => m.ConversationId!.Value).ToList();
        });

        // Data-modifying WITHs run whatever the final SELECT reads; it returns one row per moved message or recipient.
        // A recipient keeps its failure reason only from a failure (a later read clears nothing).
        Task<List<StatusMove>> MoveAsync() => db.Database.SqlQuery<StatusMove>($"""
                WITH kept AS (
                    INSERT INTO history_message_statuses
                        (tenant_id, customer_id, message_id, status, occurred_at, failure_code, failure_reason, recorded_at)
                    VALUES ({status.TenantId}, {status.CustomerId}, {status.MessageId}, {status.Status}, {at},
                            {status.FailureCode}, {status.FailureReason}, {clock.GetUtcNow()})
                    ON CONFLICT (tenant_id, message_id, status) DO NOTHING),
                message AS (
                    SELECT id, status, occurred_at FROM history_messages
                    WHERE tenant_id = {status.TenantId} AND message_id = {status.MessageId} AND direction = {HistoryDirections.Outbound}
                      AND (status IS NULL OR status = ANY({weaker}))
                    FOR UPDATE),
                message_moved AS (
                    UPDATE history_messages AS m
                    SET status = {status.Status}, status_at = {at}, failure_code = {status.FailureCode}, failure_reason = {status.FailureReason}
                    FROM message WHERE m.id = message.id
                    RETURNING message.status AS previous, message.occurred_at AS sent_at, m.conversation_id),
                recipient AS (
                    SELECT campaign_id, contact_id, state, sent_at FROM campaign_recipients
                    WHERE tenant_id = {status.TenantId} AND wamid = {status.MessageId} AND state = ANY({weaker})
                    FOR UPDATE),
                recipient_moved AS (
                    UPDATE campaign_recipients AS r
                    SET state = {status.Status}, status_at = {at},
                        failure_code = CASE WHEN {failed} THEN {status.FailureCode} ELSE r.failure_code END,
                        failure_reason = CASE WHEN {failed} THEN {status.FailureReason} ELSE r.failure_reason END
                    FROM recipient WHERE r.campaign_id = recipient.campaign_id AND r.contact_id = recipient.contact_id
                    RETURNING recipient.campaign_id, recipient.state AS previous, recipient.sent_at)
                SELECT previous, sent_at, conversation_id, NULL::uuid AS campaign_id FROM message_moved
                UNION ALL
                SELECT previous, sent_at, NULL::uuid, campaign_id FROM recipient_moved
                """).ToListAsync(ct);
    }

    /// <summary>
    /// One row the statement moved: a history message (with its conversation) or a campaign recipient (with its
    /// campaign), the status it had and when it was sent (columns named by the context's snake_case convention).
    /// </summary>
    internal sealed record StatusMove(string? Previous, DateTimeOffset? SentAt, Guid? ConversationId, Guid? CampaignId);
}
