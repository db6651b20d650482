using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.StateManager.Data;

namespace WhatsAppGenesys.StateManager.Messages;

/// <summary>A provider's status of one of our messages, addressed by the provider's message id.</summary>
public sealed record ProviderStatusUpdate(string TenantId, string Wamid, UpdateMessageStatusRequest Update);

/// <summary>
/// Moves the ledger rows of provider statuses forward, the statuses handed in at the same moment in one transaction
/// (gathered by a <see cref="GroupCommit{TItem, TResult}"/>): one round trip carries all their statements, one commit
/// ends them. Every status of every message the system sends passes here (three per campaign message), so a
/// status's own commit was a large part of its cost. Each result is the row after the status and the status it had
/// before, or null when no row has that id (the status overtook its send).
/// </summary>
/// <remarks>
/// Each statement finds the row by the provider's id (the indexed <c>wamid</c>, else the row whose own id it is, as
/// <see cref="MessageLedger.FindByWhatsAppIdAsync"/> does), locks it while it reads it, so the status it had before is
/// exactly the one this update replaced, and moves it forward only (a status never replaces a later one). Statements
/// run in the order of tenant and provider id, so two batches holding statuses of the same messages lock their rows in
/// the same order; two statuses of one message in one batch apply one after the other, in the order they came.
/// </remarks>
internal sealed class ProviderStatusBatchWriter(StateDbContext db, TimeProvider clock) : IBatchWriter<ProviderStatusUpdate, ProviderStatusResult?>
{
    // $1 tenant, $2 wamid, $3 the status's rank, $4 status, $5 reason, $6 updated at.
    private const string Sql = """
        WITH target AS (
            SELECT id, status FROM message_tracking
            WHERE id = COALESCE(
                (SELECT id FROM message_tracking WHERE tenant_id = $1 AND wamid = $2 ORDER BY id LIMIT 1),
                (SELECT id FROM message_tracking WHERE tenant_id = $1 AND direction IN ('inbound', 'outbound')
                    AND message_id = $2 ORDER BY id LIMIT 1))
            FOR UPDATE)
        UPDATE message_tracking AS m SET
            status = CASE WHEN $3 > (CASE m.status WHEN 'received' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END)
                          THEN $4 ELSE m.status END,
            status_reason = COALESCE($5, m.status_reason),
            wamid = COALESCE(m.wamid, $2),
            updated_at = $6
        FROM target WHERE m.id = target.id
        RETURNING m.tenant_id, m.direction, m.message_id, m.customer_id, m.conversation_id, m.status, m.wamid,
            m.genesys_message_id, m.status_reason, m.occurred_at, m.created_at, m.updated_at, target.status
        """;

    public async Task<ProviderStatusResult?[]> WriteAsync(IReadOnlyList<ProviderStatusUpdate> updates, CancellationToken ct)
    {
        // In key order, so two batches holding statuses of the same messages lock their rows in the same order.
        var order = Enumerable.Range(0, updates.Count)
            .OrderBy(i => updates[i].TenantId, StringComparer.Ordinal).ThenBy(i => updates[i].Wamid, StringComparer.Ordinal).ToArray();
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            foreach (var i in order)
            {
                batch.BatchCommands.Add(Command(updates[i], now));
            }
            var results = new ProviderStatusResult?[updates.Count];
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                for (var k = 0; k < order.Length; k++)
                {
                    if (k > 0 && !await reader.NextResultAsync(ct))
                    {
                        throw new InvalidOperationException($"The batch returned {k} result sets for {order.Length} statements");
                    }
                    results[order[k]] = await reader.ReadAsync(ct) ? Read(reader) : null;
                }
            }
            await transaction.CommitAsync(ct);
            return results;
        });
    }

    private static NpgsqlBatchCommand Command(ProviderStatusUpdate status, DateTimeOffset now) => new(Sql)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = status.TenantId },
            new NpgsqlParameter<string> { TypedValue = status.Wamid },
            new NpgsqlParameter<int> { TypedValue = MessageLedger.Rank(status.Update.Status) },
            new NpgsqlParameter<string> { TypedValue = status.Update.Status },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)status.Update.Reason ?? DBNull.Value },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() },
        },
    };

    private static ProviderStatusResult Read(NpgsqlDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var row = new TrackedMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetGuid(4),
            reader.GetString(5), Text(6), Text(7), Text(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
            reader.GetFieldValue<DateTimeOffset>(11));
        return new ProviderStatusResult(row, reader.GetString(12));
    }
}
