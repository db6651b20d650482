using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// What a history row's insert reads before it writes, in one round trip: statements of one batch, run in order in
/// the insert's transaction, each with a snapshot of its own (read committed).
/// <list type="bullet">
/// <item>The contact the row may only be stored for, when there is one (<see cref="ContactGuard"/>).</item>
/// <item>For one of our messages: its lock (<see cref="HistoryMessageLock"/>), then the statuses kept for it so far,
/// since Meta's statuses can overtake the row. The read starts once the lock came free, so it sees every status the
/// other writer committed.</item>
/// </list>
/// A customer's message has no statuses and, with no guard, reads nothing.
/// </summary>
internal static class HistoryInsertReads
{
    /// <summary>A status kept for a message before its row was stored.</summary>
    public sealed record KeptStatus(string Status, DateTimeOffset OccurredAt, string? FailureCode, string? FailureReason);

    /// <param name="Allowed">False when the guard's contact is gone: the row must not be stored.</param>
    public sealed record Result(bool Allowed, IReadOnlyList<KeptStatus> Kept);

    private static readonly Result Nothing = new(true, []);

    public static async Task<Result> ReadAsync(PortalDbContext db, string tenantId, string messageId, bool ourMessage, ContactGuard? guard,
        CancellationToken ct)
    {
        if (!ourMessage && guard is null)
        {
            return Nothing;
        }
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The reads hold their locks until the insert's transaction ends: begin it first.")).GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        if (guard is not null)
        {
            batch.BatchCommands.Add(guard.Command());
        }
        if (ourMessage)
        {
            batch.BatchCommands.Add(HistoryMessageLock.Command(tenantId, messageId));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT status, occurred_at, failure_code, failure_reason FROM history_message_statuses WHERE tenant_id = $1 AND message_id = $2")
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = tenantId }, new NpgsqlParameter<string> { TypedValue = messageId } },
            });
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var allowed = true;
        if (guard is not null)
        {
            allowed = await reader.ReadAsync(ct);
            await reader.NextResultAsync(ct);
        }
        var kept = new List<KeptStatus>();
        if (ourMessage)
        {
            await reader.NextResultAsync(ct); // past the lock's one row
            while (await reader.ReadAsync(ct))
            {
                kept.Add(new KeptStatus(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }
        return new Result(allowed, kept);
    }
}
