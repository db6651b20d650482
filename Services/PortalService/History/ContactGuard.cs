using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// "Only while this contact exists": the contact read under a share lock. An erasure of the customer locks their
/// contacts before it deletes anything, so in a transaction that found the contact, the erasure waits until the
/// transaction ends, and then removes what it wrote; one that did not find it comes after the erasure, and must write
/// nothing of the customer's. A campaign send stores its history row this way (<c>RecipientSender</c>).
/// </summary>
public sealed record ContactGuard(string TenantId, Guid ContactId)
{
    /// <summary>As one command of a batch, which takes positional parameters: one row when the contact exists.</summary>
    public NpgsqlBatchCommand Command() => new(Statement("$1", "$2"))
    {
        Parameters = { new NpgsqlParameter<string> { TypedValue = TenantId }, new NpgsqlParameter<Guid> { TypedValue = ContactId } },
    };

    /// <summary>Whether the contact exists, read on <paramref name="db"/> (in its transaction, if one is open).</summary>
    public async Task<bool> HoldsAsync(PortalDbContext db, CancellationToken ct) =>
        // Read as written: a locking clause cannot sit in the subquery EF would wrap around a composed query.
        (await db.Database.SqlQueryRaw<int>(Statement("{0}", "{1}"), TenantId, ContactId).ToListAsync(ct)).Count > 0;

    private static string Statement(string tenant, string contact) =>
        $"""SELECT 1 AS "Value" FROM contacts WHERE tenant_id = {tenant} AND id = {contact} FOR SHARE""";
}
