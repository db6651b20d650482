using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Database;
using WhatsAppGenesys.PortalService.Analytics;
using WhatsAppGenesys.PortalService.Campaigns;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// Records statuses of different messages in one transaction: their statements go to PostgreSQL in one round trip,
/// their figures (the history's and the campaign funnel's) in one upsert, and one commit ends them all. A campaign
/// brings three statuses per message, so a status's round trips and commit were most of its cost. The statuses handed
/// in at the same moment are gathered by a <see cref="GroupCommit{TItem, TResult}"/>; it returns, for each, the rows
/// it moved, once committed.
/// </summary>
/// <remarks>
/// <para>
/// A status that moved no message may have overtaken the insert of its row (a campaign's or a portal send's row is
/// stored by this service, outside the pipeline): it waits for any such insert in flight (<see cref="HistoryMessageLock"/>)
/// and runs its statement again, in a second round trip for all of them. A status that moves its message, nearly
/// every one, costs nothing more.
/// </para>
/// <para>
/// A batch's statuses are of different messages, since one customer's events are handled one at a time (two of one
/// message would still apply in order, their statements running one after the other). While waiting for an advisory
/// lock the transaction holds only the rows its statements moved, which the message insert that holds the lock never
/// touches, and its figures come after, so it cannot deadlock with one.
/// </para>
/// </remarks>
internal sealed class StatusBatchWriter(PortalDbContext db, AnalyticsCounters counters, TimeProvider clock) : IBatchWriter<ConversationMessageStatusChanged, List<StatusMove>>
{
    public async Task<List<StatusMove>[]> WriteAsync(IReadOnlyList<ConversationMessageStatusChanged> statuses, CancellationToken ct)
    {
        // Aspire's context retries transient failures, so the transaction runs inside its execution strategy (retried whole).
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            var recordedAt = clock.GetUtcNow();

            var moves = await MoveAsync(connection, npgsqlTransaction, statuses.Select(s => StatusMoveStatement.For(s, recordedAt)), ct);

            // Locks in key order, so two batches waiting for the same messages cannot each hold what the other waits for.
            var unmoved = Enumerable.Range(0, statuses.Count).Where(i => !moves[i].Any(m => m.IsMessage))
                .OrderBy(i => statuses[i].TenantId, StringComparer.Ordinal).ThenBy(i => statuses[i].MessageId, StringComparer.Ordinal)
                .ToList();
            if (unmoved.Count > 0)
            {
                var again = await MoveAsync(connection, npgsqlTransaction,
                    unmoved.Select(i => statuses[i]).SelectMany(s => new[] { HistoryMessageLock.Command(s.TenantId, s.MessageId), StatusMoveStatement.For(s, recordedAt) }),
                    ct);
                for (var k = 0; k < unmoved.Count; k++)
                {
                    moves[unmoved[k]].AddRange(again[2 * k + 1]);
                }
            }

            await counters.AddAsync(statuses.SelectMany((status, i) => Figures(status, moves[i])), ct);
            await transaction.CommitAsync(ct);
            return moves;
        });
    }

    /// <summary>Runs the commands in one round trip; returns each one's moved rows (none for a lock).</summary>
    private static async Task<List<StatusMove>[]> MoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IEnumerable<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }
        var results = new List<StatusMove>[batch.BatchCommands.Count];
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < results.Length; i++)
        {
            if (i > 0 && !await reader.NextResultAsync(ct))
            {
                throw new InvalidOperationException($"The batch returned {i} result sets for {results.Length} commands");
            }
            results[i] = reader.FieldCount == 4 ? await StatusMoveStatement.ReadAsync(reader, ct) : [];
        }
        return results;
    }

    private static IEnumerable<CounterIncrement> Figures(ConversationMessageStatusChanged status, List<StatusMove> moves)
    {
        var at = status.OccurredAt.ToUniversalTime();
        return moves.SelectMany(m => m.CampaignId is { } campaignId
            ? CampaignFunnel.ForRecipientMove(status.TenantId, campaignId, m.Previous, status.Status, m.SentAt ?? at)
            : MessageFigures.ForStatusChange(status.TenantId, m.SentAt ?? at, m.Previous, status.Status, status.FailureCode));
    }
}
