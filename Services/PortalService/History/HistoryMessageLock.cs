using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Makes the two writers of one outbound message's status wait for each other: the insert of its history row, which
/// takes the statuses kept so far, and a status that found no row to move. Without it each can miss the other's
/// uncommitted write: a campaign's or a portal send's row is inserted by this service while Meta's statuses for it
/// come through the history pipeline, and a status kept while the insert was in flight left the row at "sent" for
/// good (and the tenant's delivered and read figures one short) while the campaign's funnel counted it.
/// </summary>
/// <remarks>
/// A transaction-scoped advisory lock on the tenant and message id, taken in a statement of its own: under read
/// committed, each statement after it sees what the other writer committed before the lock came free.
/// </remarks>
internal static class HistoryMessageLock
{
    // PostgreSQL's two-key advisory locks: the first key keeps these apart from any other use of advisory locks.
    private const int Namespace = 0x48_4d_53_47; // "HMSG"

    public static Task TakeAsync(PortalDbContext db, string tenantId, string messageId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Statement("@key"), [new NpgsqlParameter<string>("key", Key(tenantId, messageId))], ct);

    /// <summary>The same lock, as one command of a batch (<see cref="StatusBatchWriter"/>), which takes positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string tenantId, string messageId) => new(Statement("$1"))
    {
        Parameters = { new NpgsqlParameter<string> { TypedValue = Key(tenantId, messageId) } },
    };

    private static string Statement(string keyParameter) => $"SELECT pg_advisory_xact_lock({Namespace}, hashtext({keyParameter}))";

    private static string Key(string tenantId, string messageId) => $"{tenantId}:{messageId}";
}
