using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>
/// Changes a contact's consent and writes the history entry in the same transaction. Every request is recorded, even
/// one that changes nothing (a customer writing STOP twice), because each is something the customer or the business did.
/// </summary>
public sealed class ConsentRecorder(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The entry already recorded for the customer's message, if it was seen before.</summary>
    public Task<ConsentEvent?> FindByMessageAsync(string tenantId, string messageId, CancellationToken ct) =>
        db.ConsentEvents.AsNoTracking().FirstOrDefaultAsync(e => e.TenantId == tenantId && e.MessageId == messageId, ct);

    /// <summary>
    /// Opts the tracked <paramref name="contact"/> in or out. Returns the new entry, or, when another delivery of the same
    /// message recorded it first, that one (then nothing is changed here).
    /// </summary>
    public async Task<ConsentEvent> RecordAsync(Contact contact, bool optIn, string source, string? messageId, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var target = optIn ? ConsentStatus.OptedIn : ConsentStatus.OptedOut;
        var action = !optIn ? ConsentActions.OptedOut
            : contact.ConsentStatus == ConsentStatus.OptedOut ? ConsentActions.Resubscribed
            : ConsentActions.OptedIn;
        if (contact.ConsentStatus != target)
        {
            contact.ConsentStatus = target;
            contact.ConsentSource = source;
            contact.ConsentChangedAt = now;
            contact.UpdatedAt = now;
        }
        var entry = new ConsentEvent
        {
            TenantId = contact.TenantId, ContactId = contact.Id, Action = action, Source = source, MessageId = messageId, Note = note, OccurredAt = now,
        };
        db.ConsentEvents.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
            return entry;
        }
        catch (DbUpdateException ex) when (messageId is not null && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Only this change is undone: the context may be shared with the caller (the history consumer's scope).
            db.Entry(entry).State = EntityState.Detached;
            db.Entry(contact).State = EntityState.Detached;
            return await FindByMessageAsync(contact.TenantId, messageId, ct) ?? throw new InvalidOperationException(
                $"Consent for message {messageId} conflicted but is not recorded.", ex);
        }
    }

    public async Task MarkAcknowledgedAsync(long entryId, string wamid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.ConsentEvents.Where(e => e.Id == entryId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.AcknowledgedAt, now).SetProperty(e => e.AcknowledgementMessageId, wamid), ct);
    }

    /// <summary>A contact's history, newest first.</summary>
    public async Task<List<ConsentEvent>> HistoryAsync(string tenantId, Guid contactId, int limit, CancellationToken ct) =>
        await db.ConsentEvents.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.ContactId == contactId)
            .OrderByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(ct);
}
