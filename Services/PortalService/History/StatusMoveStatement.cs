using Npgsql;
using NpgsqlTypes;
using WhatsAppGenesys.Contracts.Events;

namespace WhatsAppGenesys.PortalService.History;

/// <summary>
/// The statement that records one status: keeps it (unless this one is already kept), moves the outbound message's
/// current status forward, and moves a campaign recipient's state (the campaign message with this wamid, if it is
/// one). The message and recipient rows are locked and re-checked before their update, so of two concurrent deliveries
/// of one status exactly one moves them; a weaker or repeated status matches nothing. It is idempotent within a
/// transaction: run again, only the message part can newly match (a row inserted meanwhile).
/// </summary>
/// <remarks>
/// Built as an <see cref="NpgsqlBatchCommand"/>, so that the statuses recorded at the same moment travel to PostgreSQL
/// in one round trip (<see cref="StatusBatchWriter"/>). Data-modifying WITHs run whatever the final SELECT reads; it
/// returns one row per moved message or recipient. A recipient keeps its failure reason only from a failure (a later
/// read clears nothing).
/// </remarks>
internal static class StatusMoveStatement
{
    // $1 tenant, $2 customer, $3 message id, $4 status, $5 Meta's time, $6 failure code, $7 failure reason,
    // $8 recorded at, $9 the statuses this one beats, $10 whether it is a failure.
    private const string Sql = $"""
        WITH kept AS (
            INSERT INTO history_message_statuses
                (tenant_id, customer_id, message_id, status, occurred_at, failure_code, failure_reason, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (tenant_id, message_id, status) DO NOTHING),
        message AS (
            SELECT id, status, occurred_at FROM history_messages
            WHERE tenant_id = $1 AND message_id = $3 AND direction = '{HistoryDirections.Outbound}'
              AND (status IS NULL OR status = ANY($9))
            FOR UPDATE),
        message_moved AS (
            UPDATE history_messages AS m
            SET status = $4, status_at = $5, failure_code = $6, failure_reason = $7
            FROM message WHERE m.id = message.id
            RETURNING message.status AS previous, message.occurred_at AS sent_at, m.conversation_id),
        recipient AS (
            SELECT campaign_id, contact_id, state, sent_at FROM campaign_recipients
            WHERE tenant_id = $1 AND wamid = $3 AND state = ANY($9)
            FOR UPDATE),
        recipient_moved AS (
            UPDATE campaign_recipients AS r
            SET state = $4, status_at = $5,
                failure_code = CASE WHEN $10 THEN $6 ELSE r.failure_code END,
                failure_reason = CASE WHEN $10 THEN $7 ELSE r.failure_reason END
            FROM recipient WHERE r.campaign_id = recipient.campaign_id AND r.contact_id = recipient.contact_id
            RETURNING recipient.campaign_id, recipient.state AS previous, recipient.sent_at)
        SELECT previous, sent_at, conversation_id, NULL::uuid AS campaign_id FROM message_moved
        UNION ALL
        SELECT previous, sent_at, NULL::uuid, campaign_id FROM recipient_moved
        """;

    public static NpgsqlBatchCommand For(ConversationMessageStatusChanged status, DateTimeOffset recordedAt) => new(Sql)
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = status.TenantId },
            new NpgsqlParameter<string> { TypedValue = status.CustomerId },
            new NpgsqlParameter<string> { TypedValue = status.MessageId },
            new NpgsqlParameter<string> { TypedValue = status.Status },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = status.OccurredAt.ToUniversalTime() },
            Text(status.FailureCode),
            Text(status.FailureReason),
            new NpgsqlParameter<DateTimeOffset> { TypedValue = recordedAt.ToUniversalTime() },
            new NpgsqlParameter<string[]> { TypedValue = StatusPrecedence.Weaker(status.Status).ToArray() },
            new NpgsqlParameter<bool> { TypedValue = status.Status == HistoryStatuses.Failed },
        },
    };

    /// <summary>Reads the current result set: the rows this statement moved.</summary>
    public static async Task<List<StatusMove>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var moves = new List<StatusMove>();
        while (await reader.ReadAsync(ct))
        {
            moves.Add(new StatusMove(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3)));
        }
        return moves;
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}

/// <summary>
/// One row the statement moved: a history message (with its conversation) or a campaign recipient (with its
/// campaign), the status it had and when it was sent.
/// </summary>
public sealed record StatusMove(string? Previous, DateTimeOffset? SentAt, Guid? ConversationId, Guid? CampaignId)
{
    public bool IsMessage => CampaignId is null;
}
