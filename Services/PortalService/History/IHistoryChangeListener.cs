namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Told, after the commit, of each change to the history: a message row inserted, or a message's current status moved
/// forward. Called once per change, by whichever replica made it; a redelivered event that changes nothing is not
/// passed on. An implementation must not throw: the change is committed, and the event must not be retried for it.
/// </summary>
public interface IHistoryChangeListener
{
    /// <param name="previousSequence">The id of the conversation's row before this one, null for its first.</param>
    Task OnMessageStoredAsync(HistoryMessageRow row, long? previousSequence, CancellationToken cancellationToken);

    Task OnStatusMovedAsync(HistoryStatusMove move, CancellationToken cancellationToken);
}

/// <summary>An outbound message's current status moved to <see cref="Status"/>; <see cref="OccurredAt"/> is Meta's time of the status.</summary>
public sealed record HistoryStatusMove(
    string TenantId,
    Guid ConversationId,
    string MessageId,
    string Status,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset OccurredAt);
