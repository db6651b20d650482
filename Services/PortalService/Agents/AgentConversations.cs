using Microsoft.EntityFrameworkCore;
using Npgsql;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// The agent portal's reads of the conversation history: one tenant's conversations, and a conversation's messages
/// after a sequence. Every query filters on the tenant first; the tenant is always the signed-in agent's.
/// </summary>
public sealed class AgentConversations(PortalDbContext db, AgentMessageMapper mapper, TimeProvider clock)
{
    /// <summary>
    /// The conversations the filter selects, newest activity first, in one statement: the filter picks conversation
    /// ids by an index (<c>open</c>: customer messages by time; <c>mine</c>: the agent's replies), the tenant's rows of
    /// those conversations are grouped per conversation and the newest <paramref name="limit"/> kept, and only for those
    /// the last message and customer name are looked up (each the first entry of the conversation's time index, backwards).
    /// </summary>
    public async Task<IReadOnlyList<AgentConversationSummary>> ListAsync(AgentUser agent, AgentConversationFilter filter, int limit, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("tenant_id", agent.TenantId),
            new("limit", limit),
        };
        var sql = filter switch
        {
            AgentConversationFilter.Open => OpenSql,
            AgentConversationFilter.Mine => MineSql,
            _ => AllSql,
        };
        if (filter == AgentConversationFilter.Open)
        {
            parameters.Add(new("open_after", CustomerServiceWindow.OpenAfter(clock.GetUtcNow())));
        }
        if (filter == AgentConversationFilter.Mine)
        {
            parameters.Add(new("agent_id", agent.GenesysUserId));
        }
        // The statement is a constant; every value is a parameter.
        var rows = await db.Database.SqlQueryRaw<ConversationRow>(sql, [.. parameters])
            .ToListAsync(ct);
        return rows.Select(r => new AgentConversationSummary(r.ConversationId, r.CustomerId, r.CustomerName, r.LastDirection, r.LastType,
            r.LastText, r.LastMessageAt, r.LastCustomerMessageAt, r.AgentIds, r.MessageCount)).ToList();
    }

    /// <summary>
    /// A conversation's messages with a sequence (row id) above <paramref name="after"/>, in sequence order; null when
    /// the tenant has no such conversation. Asking again after the last sequence received continues without gaps or repeats.
    /// </summary>
    public async Task<IReadOnlyList<AgentMessage>?> MessagesAsync(string tenantId, Guid conversationId, long after, int limit, CancellationToken ct)
    {
        var conversation = db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.ConversationId == conversationId);
        var rows = await conversation.Where(m => m.Id > after).OrderBy(m => m.Id).Take(limit).ToListAsync(ct);
        if (rows.Count == 0 && !await conversation.AnyAsync(ct))
        {
            return null;
        }
        var messages = new List<AgentMessage>(rows.Count);
        foreach (var row in rows)
        {
            messages.Add(await mapper.MessageAsync(row));
        }
        return messages;
    }

    /// <summary>A conversation's last <paramref name="limit"/> messages, oldest first (empty when the tenant has none).</summary>
    public async Task<IReadOnlyList<AgentMessage>> RecentAsync(string tenantId, Guid conversationId, int limit, CancellationToken ct)
    {
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id).Take(limit)
            .ToListAsync(ct);
        var messages = new List<AgentMessage>(rows.Count);
        foreach (var row in Enumerable.Reverse(rows))
        {
            messages.Add(await mapper.MessageAsync(row));
        }
        return messages;
    }

    private const string ConversationsHead = $"""
        WITH conversations AS (
            SELECT conversation_id,
                   max(occurred_at) AS last_message_at,
                   max(occurred_at) FILTER (WHERE direction = '{HistoryDirections.Inbound}') AS last_customer_message_at,
                   coalesce(array_agg(DISTINCT agent_id) FILTER (WHERE direction = '{HistoryDirections.Outbound}' AND agent_id IS NOT NULL),
                            ARRAY[]::varchar[]) AS agent_ids,
                   count(*)::int AS message_count
            FROM history_messages
            WHERE tenant_id = @tenant_id
        """;

    /// <summary>The customer wrote within the window: their messages since then, by the (tenant, time) index.</summary>
    private const string OpenConversations = $"""

              AND conversation_id IN (
                  SELECT conversation_id FROM history_messages
                  WHERE tenant_id = @tenant_id AND direction = '{HistoryDirections.Inbound}' AND occurred_at > @open_after)
        """;

    /// <summary>The agent replied in it: their replies, by the (tenant, agent, conversation) index.</summary>
    private const string AgentsConversations = $"""

              AND conversation_id IN (
                  SELECT conversation_id FROM history_messages
                  WHERE tenant_id = @tenant_id AND agent_id = @agent_id AND direction = '{HistoryDirections.Outbound}')
        """;

    private const string ConversationsTail = """

            GROUP BY conversation_id
            ORDER BY last_message_at DESC, conversation_id
            LIMIT @limit)
        SELECT c.conversation_id, latest.customer_id, named.customer_name,
               latest.direction AS last_direction, latest.type AS last_type, coalesce(latest.text, latest.media_caption) AS last_text,
               c.last_message_at, c.last_customer_message_at, c.agent_ids, c.message_count
        FROM conversations AS c
        CROSS JOIN LATERAL (
            SELECT m.customer_id, m.direction, m.type, m.text, m.media_caption FROM history_messages AS m
            WHERE m.tenant_id = @tenant_id AND m.conversation_id = c.conversation_id
            ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1) AS latest
        LEFT JOIN LATERAL (
            SELECT m.customer_name FROM history_messages AS m
            WHERE m.tenant_id = @tenant_id AND m.conversation_id = c.conversation_id AND m.customer_name IS NOT NULL
            ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1) AS named ON true
        ORDER BY c.last_message_at DESC, c.conversation_id
        """;

    private const string OpenSql = ConversationsHead + OpenConversations + ConversationsTail;
    private const string MineSql = ConversationsHead + AgentsConversations + ConversationsTail;
    private const string AllSql = ConversationsHead + ConversationsTail;

    /// <summary>One row of the list statement (columns named by the context's snake_case convention).</summary>
    internal sealed record ConversationRow(
        Guid ConversationId,
        string CustomerId,
        string? CustomerName,
        string LastDirection,
        string LastType,
        string? LastText,
        DateTimeOffset LastMessageAt,
        DateTimeOffset? LastCustomerMessageAt,
        string[] AgentIds,
        int MessageCount);
}
