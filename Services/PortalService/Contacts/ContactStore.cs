using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.PortalService.Consent;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Contacts;

/// <summary>Reads and writes one tenant's contacts. A new contact starts opted in, from the source that created it, and that is its first consent history entry.</summary>
public sealed class ContactStore(PortalDbContext db, TimeProvider clock)
{
    public Task<Contact?> FindAsync(string tenantId, Guid id, CancellationToken ct) =>
        db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, ct);

    /// <summary>The tenant's contact with this number (E.164, <c>+…</c>) or, failing that, this BSUID.</summary>
    public async Task<Contact?> FindByAddressAsync(string tenantId, string? phoneNumber, string? bsuid, CancellationToken ct)
    {
        var matches = await db.Contacts.AsNoTracking()
            .Where(c => c.TenantId == tenantId && ((phoneNumber != null && c.PhoneNumber == phoneNumber) || (bsuid != null && c.Bsuid == bsuid)))
            .Take(2).ToListAsync(ct);
        return matches.FirstOrDefault(c => phoneNumber is not null && c.PhoneNumber == phoneNumber) ?? matches.FirstOrDefault();
    }

    public async Task<Page<Contact>> ListAsync(string tenantId, ContactFilter filter, Guid? after, int limit, CancellationToken ct)
    {
        var rows = await new ContactSql(tenantId).Matching(filter).After(after).Take(db, limit + 1).ToListAsync(ct);
        return rows.Count > limit ? new Page<Contact>(rows.Take(limit).ToList(), Cursor.Encode(rows[limit - 1].Id)) : new Page<Contact>(rows, null);
    }

    /// <summary>The field another of the tenant's contacts already holds (<c>phone</c> or <c>bsuid</c>), if any.</summary>
    public async Task<string?> ConflictAsync(string tenantId, ContactDraft draft, Guid? except, CancellationToken ct)
    {
        if (draft.PhoneNumber is { } phone && await db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.PhoneNumber == phone && c.Id != except, ct))
        {
            return "phone";
        }
        if (draft.Bsuid is { } bsuid && await db.Contacts.AnyAsync(c => c.TenantId == tenantId && c.Bsuid == bsuid && c.Id != except, ct))
        {
            return "bsuid";
        }
        return null;
    }

    /// <summary>Creates the contact, or null when its number or BSUID was taken meanwhile.</summary>
    public async Task<Contact?> CreateAsync(string tenantId, ContactDraft draft, string source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contact = new Contact
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            ConsentStatus = ConsentStatus.OptedIn,
            ConsentSource = source,
            ConsentChangedAt = now,
            CreatedAt = now,
        };
        Apply(contact, draft, now);
        db.Contacts.Add(contact);
        db.ConsentEvents.Add(new ConsentEvent
        {
            TenantId = tenantId, ContactId = contact.Id, Action = ConsentActions.OptedIn, Source = source, OccurredAt = now,
        });
        return await SaveAsync(ct) ? contact : null;
    }

    /// <summary>Replaces the contact's data (not its consent); null when it does not exist, false when its number or BSUID was taken meanwhile.</summary>
    public async Task<(Contact? Contact, bool Saved)> ReplaceAsync(string tenantId, Guid id, ContactDraft draft, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.TenantId == tenantId && c.Id == id, ct);
        if (contact is null)
        {
            return (null, false);
        }
        Apply(contact, draft, clock.GetUtcNow());
        return (contact, await SaveAsync(ct));
    }

    /// <summary>Deletes the contact (with its list memberships and consent history); false when there is none.</summary>
    public async Task<bool> DeleteAsync(string tenantId, Guid id, CancellationToken ct) =>
        await db.Contacts.Where(c => c.TenantId == tenantId && c.Id == id).ExecuteDeleteAsync(ct) > 0;

    private static void Apply(Contact contact, ContactDraft draft, DateTimeOffset now)
    {
        contact.PhoneNumber = draft.PhoneNumber;
        contact.Bsuid = draft.Bsuid;
        contact.Name = draft.Name;
        contact.Attributes = draft.Attributes;
        contact.Tags = draft.Tags;
        contact.UpdatedAt = now;
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
