using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Database;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Keeps every status Meta reported (once each) and moves the message's current status forward only: a conditional
/// update that matches nothing when a stronger status is already there, so out-of-order and repeated events are harmless.
/// A campaign's message also moves its recipient row (found by the wamid). All of it commits at once, in a transaction
/// shared with the statuses handed in at the same moment (<see cref="StatusBatchWriter"/>).
/// Every <see cref="IHistoryChangeListener"/> hears of a move once it commits; a status that moves nothing is not passed on.
/// </summary>
public sealed class StatusRecorder(GroupCommit<ConversationMessageStatusChanged, List<StatusMove>> commits, IEnumerable<IHistoryChangeListener> listeners, ILogger<StatusRecorder> logger)
{
    public async Task RecordAsync(ConversationMessageStatusChanged status, CancellationToken ct)
    {
        if (!HistoryStatuses.IsRecorded(status.Status))
        {
            logger.LogDebug("Status {Status} of {MessageId} is not kept in the history", status.Status, status.MessageId);
            return;
        }

        var moved = await commits.WriteAsync(status, ct);
        foreach (var conversationId in moved.Where(m => m.ConversationId is not null).Select(m => m.ConversationId!.Value))
        {
            var move = new HistoryStatusMove(status.TenantId, conversationId, status.MessageId, status.Status, status.FailureCode,
                status.FailureReason, status.OccurredAt.ToUniversalTime());
            foreach (var listener in listeners)
            {
                await listener.OnStatusMovedAsync(move, ct);
            }
        }
    }
}
