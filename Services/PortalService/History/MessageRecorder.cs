using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Stores one message of the history, once: a redelivered event finds its row and changes nothing. A new customer
/// message is then shown to every <see cref="IInboundMessageObserver"/>; the row remembers when they all had it, so
/// an observer that failed (the event is retried) or a crash before that point means they are called again.
/// </summary>
public sealed class MessageRecorder(PortalDbContext db, IEnumerable<IInboundMessageObserver> observers, TimeProvider clock, ILogger<MessageRecorder> logger)
{
    public async Task RecordAsync(ConversationMessageRecorded message, CancellationToken ct)
    {
        var row = await db.Messages.FirstOrDefaultAsync(m =>
            m.TenantId == message.TenantId && m.Direction == message.Direction && m.MessageId == message.MessageId, ct);
        if (row is null)
        {
            row = HistoryRows.From(message, clock.GetUtcNow());
            // Statuses can overtake the message (a later part of a split message is tracked before its event is stored).
            var earlier = await db.Statuses.AsNoTracking()
                .Where(s => s.TenantId == message.TenantId && s.MessageId == message.MessageId).ToListAsync(ct);
            if (StatusPrecedence.Strongest(earlier, s => s.Status) is { } strongest)
            {
                HistoryRows.ApplyStatus(row, strongest.Status, strongest.OccurredAt, strongest.FailureCode, strongest.FailureReason);
            }
            db.Messages.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Stored at the same moment by the other replica (a fail-over mid-message): it notifies the observers.
                logger.LogDebug("History message {MessageId} was stored concurrently", message.MessageId);
                return;
            }
        }

        if (row.Direction == HistoryDirections.Inbound && row.ObservedAt is null)
        {
            await NotifyObserversAsync(row, ct);
            row.ObservedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task NotifyObserversAsync(HistoryMessageRow row, CancellationToken ct)
    {
        var observed = new InboundMessageObserved(row.TenantId, row.CustomerId, row.WaId, row.Bsuid, row.PhoneNumberId ?? "",
            row.MessageId, row.Type, row.Type == "text" ? row.Text : null, row.OccurredAt);
        foreach (var observer in observers)
        {
            await observer.OnInboundMessageAsync(observed, ct);
        }
    }
}
