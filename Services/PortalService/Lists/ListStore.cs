using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.PortalService.Contacts;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Lists;

/// <summary>Reads and writes one tenant's lists and resolves their members, static or dynamic, a page at a time.</summary>
public sealed class ListStore(PortalDbContext db, TimeProvider clock)
{
    public Task<ContactList?> FindAsync(string tenantId, Guid id, CancellationToken ct) =>
        db.Lists.AsNoTracking().FirstOrDefaultAsync(l => l.TenantId == tenantId && l.Id == id, ct);

    public async Task<Page<ContactList>> ListAsync(string tenantId, Guid? after, int limit, CancellationToken ct)
    {
        var rows = await db.Lists.AsNoTracking()
            .Where(l => l.TenantId == tenantId && (after == null || l.Id > after.Value))
            .OrderBy(l => l.Id)
            .Take(limit + 1)
            .ToListAsync(ct);
        return rows.Count > limit ? new Page<ContactList>(rows.Take(limit).ToList(), Cursor.Encode(rows[limit - 1].Id)) : new Page<ContactList>(rows, null);
    }

    /// <summary>Creates or replaces the list (null id creates); null when the name is taken, or when replacing a list that does not exist.</summary>
    public async Task<ContactList?> SaveAsync(string tenantId, Guid? id, ListRequest request, string kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        ContactList? list;
        if (id is null)
        {
            list = new ContactList { Id = Guid.CreateVersion7(now), TenantId = tenantId, Name = "", Kind = kind, CreatedAt = now };
            db.Lists.Add(list);
        }
        else if ((list = await db.Lists.FirstOrDefaultAsync(l => l.TenantId == tenantId && l.Id == id, ct)) is null)
        {
            return null;
        }
        else if (list.Kind == ContactListKinds.Static && kind == ContactListKinds.Dynamic)
        {
            // A static list turned dynamic has no use for the members it had.
            await db.ListMembers.Where(m => m.ListId == list.Id).ExecuteDeleteAsync(ct);
        }
        list.Name = request.Name!.Trim();
        list.Kind = kind;
        list.FilterTags = ContactRules.NormalizeTags(request.Tags);
        list.FilterAttributes = request.Attributes ?? [];
        list.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
            return list;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string tenantId, Guid id, CancellationToken ct) =>
        await db.Lists.Where(l => l.TenantId == tenantId && l.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Adds the tenant's contacts among <paramref name="contactIds"/> to a static list; returns the ids that are not its contacts.</summary>
    public async Task<List<Guid>> AddMembersAsync(ContactList list, IReadOnlyCollection<Guid> contactIds, CancellationToken ct)
    {
        var ids = contactIds.Distinct().ToArray();
        var known = await db.Contacts.Where(c => c.TenantId == list.TenantId && ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO contact_list_members (list_id, contact_id, tenant_id, added_at)
            SELECT {list.Id}, id, {list.TenantId}, {clock.GetUtcNow()} FROM unnest({known.ToArray()}) AS id
            ON CONFLICT DO NOTHING
            """, ct);
        return ids.Except(known).ToList();
    }

    public async Task<bool> RemoveMemberAsync(ContactList list, Guid contactId, CancellationToken ct) =>
        await db.ListMembers.Where(m => m.ListId == list.Id && m.TenantId == list.TenantId && m.ContactId == contactId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>A page of the list's members: its added contacts (static) or the contacts matching its filter now (dynamic).</summary>
    public async Task<Page<Contact>> MembersAsync(ContactList list, Guid? after, int limit, CancellationToken ct)
    {
        var sql = new ContactSql(list.TenantId);
        sql.Where(MembershipCondition(sql, list)).After(after);
        var rows = await sql.Take(db, limit + 1).ToListAsync(ct);
        return rows.Count > limit ? new Page<Contact>(rows.Take(limit).ToList(), Cursor.Encode(rows[limit - 1].Id)) : new Page<Contact>(rows, null);
    }

    /// <summary>The SQL condition for "contact c is a member of <paramref name="list"/>".</summary>
    public static string MembershipCondition(ContactSql sql, ContactList list) => list.Kind == ContactListKinds.Static
        ? $"EXISTS (SELECT 1 FROM contact_list_members m WHERE m.list_id = {sql.Argument(list.Id)} AND m.contact_id = c.id)"
        : sql.Condition(new ContactFilter(list.FilterTags, list.FilterAttributes)) ?? "FALSE";
}
