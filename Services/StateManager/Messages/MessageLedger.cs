using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.StateManager.Conversations;
using WhatsAppGenesys.StateManager.Data;

namespace WhatsAppGenesys.StateManager.Messages;

/// <summary>
/// The message ledger (<c>message_tracking</c>). Its unique key on (tenant, direction, message id) is the durable,
/// atomic idempotency check the transformers rely on: it lives in PostgreSQL, so flushing Redis cannot make a
/// message reach the other side twice.
/// </summary>
public sealed class MessageLedger(StateDbContext db, ConversationStore conversations, TimeProvider clock)
{
    public async Task<RecordMessageResult> RecordAsync(string tenantId, RecordMessageRequest request, CancellationToken ct) =>
        (await RecordAndTouchAsync(tenantId, request, ct)).Result;

    /// <summary>Resolves the customer's conversation (creating it on first contact) and records the message in it.</summary>
    public async Task<RecordInConversationResult> RecordInConversationAsync(string tenantId, RecordInConversationRequest request, CancellationToken ct)
    {
        var conversation = await conversations.EnsureAsync(tenantId, request.Conversation, ct);
        var (result, touched) = await RecordAndTouchAsync(tenantId, request.Message(conversation.ConversationId), ct);
        return new RecordInConversationResult(touched ?? conversation, result.Created, result.Message);
    }

    /// <summary>
    /// Inserts the ledger row unless it exists, and for a new inbound message moves the conversation's last inbound
    /// message, both in one transaction: one commit (one WAL flush) instead of two, and never one without the other.
    /// Any other message is the insert alone, which commits by itself (one round trip, no BEGIN and COMMIT around it).
    /// Returns the conversation the message moved, if it did.
    /// </summary>
    private async Task<(RecordMessageResult Result, ConversationMapping? Touched)> RecordAndTouchAsync(
        string tenantId, RecordMessageRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var occurredAt = request.OccurredAt.ToUniversalTime();
        IQueryable<MessageTrackingRow> Insert() => db.MessageTracking.FromSql($"""
            INSERT INTO message_tracking
                (tenant_id, direction, message_id, customer_id, conversation_id, status, wamid,
                 genesys_message_id, occurred_at, created_at, updated_at)
            VALUES ({tenantId}, {request.Direction}, {request.MessageId}, {request.CustomerId}, {request.ConversationId},
                    {MessageStatus.Received}, {request.WhatsAppMessageId}, {request.GenesysMessageId}, {occurredAt}, {now}, {now})
            ON CONFLICT (tenant_id, direction, message_id) DO NOTHING
            RETURNING *
            """).AsNoTracking();

        var (inserted, touched) = request.Direction != MessageDirection.Inbound
            ? (await Insert().ToListAsync(ct), null)
            : await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var rows = await Insert().ToListAsync(ct);
                var moved = rows.Count == 1
                    ? await conversations.TouchInboundAsync(tenantId, request.CustomerId, request.MessageId, occurredAt, request.Channel, ct)
                    : null;
                await transaction.CommitAsync(ct);
                return (rows, moved);
            });

        if (touched is not null)
        {
            await conversations.CacheAsync(touched);
        }
        if (inserted.Count == 1)
        {
            return (new RecordMessageResult(true, ToContract(inserted[0])), touched);
        }
        var existing = await FindAsync(tenantId, request.Direction, request.MessageId, ct);
        return (new RecordMessageResult(false, existing!), null);
    }

    public async Task<TrackedMessage?> FindAsync(string tenantId, string direction, string messageId, CancellationToken ct)
    {
        var row = await db.MessageTracking.AsNoTracking()
            .FirstOrDefaultAsync(m => m.TenantId == tenantId && m.Direction == direction && m.MessageId == messageId, ct);
        return row is null ? null : ToContract(row);
    }

    /// <summary>
    /// The row a Meta status is about. Every writer records the wamid in <c>wamid</c>, so that indexed lookup finds it;
    /// the row whose own id is the wamid is the fallback. (One query with <c>wamid = … OR message_id = …</c> cannot use
    /// either index and read the tenant's whole ledger for each status: 23 ms of PostgreSQL CPU per agent message in the
    /// benchmark, with three statuses each.)
    /// </summary>
    public async Task<TrackedMessage?> FindByWhatsAppIdAsync(string tenantId, string wamid, CancellationToken ct)
    {
        var row = await db.MessageTracking.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.WhatsAppMessageId == wamid)
            .OrderBy(m => m.Id)
            .FirstOrDefaultAsync(ct)
            ?? await db.MessageTracking.AsNoTracking()
                .Where(m => m.TenantId == tenantId && (m.Direction == MessageDirection.Inbound || m.Direction == MessageDirection.Outbound) && m.MessageId == wamid)
                .OrderBy(m => m.Id)
                .FirstOrDefaultAsync(ct);
        return row is null ? null : ToContract(row);
    }

    /// <summary>
    /// Moves a message forward in its lifecycle. Statuses arrive out of order (Meta may post "read" before
    /// "delivered"), so a status never replaces a later one; ids learnt along the way are kept.
    /// </summary>
    public async Task<TrackedMessage?> UpdateStatusAsync(
        string tenantId, string direction, string messageId, UpdateMessageStatusRequest update, CancellationToken ct)
    {
        var rank = Rank(update.Status);
        var rows = await db.MessageTracking.FromSql($"""
            UPDATE message_tracking SET
                status = CASE WHEN {rank} > (CASE status WHEN 'received' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END)
                              THEN {update.Status} ELSE status END,
                status_reason = COALESCE({update.Reason}, status_reason),
                wamid = COALESCE({update.WhatsAppMessageId}, wamid),
                genesys_message_id = COALESCE({update.GenesysMessageId}, genesys_message_id),
                updated_at = {clock.GetUtcNow()}
            WHERE tenant_id = {tenantId} AND direction = {direction} AND message_id = {messageId}
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.Count == 0 ? null : ToContract(rows[0]);
    }

    public async Task<IReadOnlyList<TrackedMessage>> ListForConversationAsync(string tenantId, Guid conversationId, CancellationToken ct)
    {
        var rows = await db.MessageTracking.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.ConversationId == conversationId)
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
            .ToListAsync(ct);
        return rows.Select(ToContract).ToList();
    }

    public static bool IsKnownStatus(string status) => status is MessageStatus.Received or MessageStatus.Sent
        or MessageStatus.Delivered or MessageStatus.Read or MessageStatus.Failed;

    /// <summary>How far a status is in a message's lifecycle; a status never replaces one of a higher rank.</summary>
    internal static int Rank(string status) => status switch
    {
        MessageStatus.Received => 0,
        MessageStatus.Sent => 1,
        MessageStatus.Delivered => 2,
        _ => 3, // read and failed are final
    };

    private static TrackedMessage ToContract(MessageTrackingRow row) => new(
        row.TenantId, row.Direction, row.MessageId, row.CustomerId, row.ConversationId, row.Status,
        row.WhatsAppMessageId, row.GenesysMessageId, row.StatusReason, row.OccurredAt, row.CreatedAt, row.UpdatedAt);
}
