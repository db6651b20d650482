using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.State;
using WhatsAppGenesys.StateManager.Data;

namespace WhatsAppGenesys.StateManager.Conversations;

/// <summary>
/// Conversation mappings: PostgreSQL is the truth, Redis a read-through cache in both directions
/// (<c>mapping:wa:…</c>, <c>mapping:conv:…</c>, TTL 3600 s). The keys include the tenant, so a
/// customer id can never resolve to another tenant's conversation.
/// </summary>
public sealed class ConversationStore(StateDbContext db, IConnectionMultiplexer redis, TimeProvider clock, ILogger<ConversationStore> logger)
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(3600);

    public static string CustomerKey(string tenantId, string customerId) => $"mapping:wa:{tenantId}:{customerId}";

    public static string ConversationKey(string tenantId, Guid conversationId) => $"mapping:conv:{tenantId}:{conversationId}";

    public async Task<ConversationMapping?> FindByCustomerAsync(string tenantId, string customerId, CancellationToken ct)
    {
        if (await ReadCacheAsync(CustomerKey(tenantId, customerId)) is { } cached)
        {
            return cached;
        }
        var row = await db.ConversationMappings.AsNoTracking()
            .FirstOrDefaultAsync(m => m.TenantId == tenantId && m.CustomerId == customerId, ct);
        return row is null ? null : await CacheAsync(ToContract(row));
    }

    /// <summary>Finds a conversation by our id or by the Genesys conversation id.</summary>
    public async Task<ConversationMapping?> FindByConversationAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        ConversationMappingRow? row;
        if (Guid.TryParse(conversationId, out var ours))
        {
            if (await ReadCacheAsync(ConversationKey(tenantId, ours)) is { } cached)
            {
                return cached;
            }
            row = await db.ConversationMappings.AsNoTracking()
                .FirstOrDefaultAsync(m => m.TenantId == tenantId && (m.ConversationId == ours || m.GenesysConversationId == conversationId), ct);
        }
        else
        {
            row = await db.ConversationMappings.AsNoTracking()
                .FirstOrDefaultAsync(m => m.TenantId == tenantId && m.GenesysConversationId == conversationId, ct);
        }
        return row is null ? null : await CacheAsync(ToContract(row));
    }

    /// <summary>
    /// Returns the customer's conversation, creating it on first contact. One INSERT … ON CONFLICT statement, so two
    /// first messages of a new customer arriving together (even at two replicas) end up in the same conversation.
    /// </summary>
    public async Task<ConversationMapping> EnsureAsync(string tenantId, EnsureMappingRequest request, CancellationToken ct)
    {
        // PostgreSQL text cannot hold U+0000 (the insert fails, so the message would be retried until dead-lettered).
        // A profile name is free text from outside: it is stored without NULs; Genesys still gets it as sent.
        request = request with { ContactName = WithoutNul(request.ContactName), DisplayPhoneNumber = WithoutNul(request.DisplayPhoneNumber) };
        if (await ReadCacheAsync(CustomerKey(tenantId, request.CustomerId)) is { } cached && !Teaches(request, cached))
        {
            return cached;
        }
        var now = clock.GetUtcNow();
        var rows = await db.ConversationMappings.FromSql($"""
            INSERT INTO conversation_mappings
                (tenant_id, customer_id, conversation_id, wa_id, bsuid, contact_name, phone_number_id, display_phone_number, created_at, last_activity_at)
            VALUES ({tenantId}, {request.CustomerId}, {Guid.CreateVersion7()}, {request.WaId}, {request.Bsuid}, {request.ContactName},
                    {request.PhoneNumberId}, {request.DisplayPhoneNumber}, {now}, {now})
            ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
                last_activity_at = EXCLUDED.last_activity_at,
                wa_id = COALESCE(EXCLUDED.wa_id, conversation_mappings.wa_id),
                bsuid = COALESCE(EXCLUDED.bsuid, conversation_mappings.bsuid),
                contact_name = COALESCE(EXCLUDED.contact_name, conversation_mappings.contact_name),
                phone_number_id = COALESCE(EXCLUDED.phone_number_id, conversation_mappings.phone_number_id),
                display_phone_number = COALESCE(EXCLUDED.display_phone_number, conversation_mappings.display_phone_number)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return await CacheAsync(ToContract(rows[0]));
    }

    public async Task<ConversationMapping?> LinkGenesysConversationAsync(string tenantId, string customerId, string genesysConversationId, CancellationToken ct)
    {
        var rows = await db.ConversationMappings.FromSql($"""
            UPDATE conversation_mappings SET genesys_conversation_id = {genesysConversationId}
            WHERE tenant_id = {tenantId} AND customer_id = {customerId}
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.Count == 0 ? null : await CacheAsync(ToContract(rows[0]));
    }

    /// <summary>
    /// Remembers the customer's latest inbound message: the outbound side needs it for read receipts, typing and the
    /// 24-hour window, and its channel to answer a linked conversation where the customer last wrote. A writer that
    /// names no channel leaves the recorded one as it is. Runs inside the ledger's transaction, so it returns the
    /// conversation as changed (null when an older message changed nothing) and the caller caches it once committed.
    /// </summary>
    public async Task<ConversationMapping?> TouchInboundAsync(string tenantId, string customerId, string messageId, DateTimeOffset occurredAt,
        string? channel, CancellationToken ct)
    {
        var rows = await db.ConversationMappings.FromSql($"""
            UPDATE conversation_mappings
            SET last_inbound_at = {occurredAt}, last_inbound_message_id = {messageId}, last_activity_at = {clock.GetUtcNow()},
                last_inbound_channel = COALESCE({channel}, last_inbound_channel)
            WHERE tenant_id = {tenantId} AND customer_id = {customerId}
              AND (last_inbound_at IS NULL OR last_inbound_at <= {occurredAt})
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.Count > 0 ? ToContract(rows[0]) : null;
    }

    private async Task<ConversationMapping?> ReadCacheAsync(string key)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.HasValue ? JsonSerializer.Deserialize<ConversationMapping>((string)value!) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is only a cache here: an outage costs latency, never correctness.
            logger.LogDebug("Mapping cache unavailable: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>Writes the conversation to the cache under both keys; call it only with what PostgreSQL has committed.</summary>
    public async Task<ConversationMapping> CacheAsync(ConversationMapping mapping)
    {
        try
        {
            var json = JsonSerializer.Serialize(mapping);
            var batch = redis.GetDatabase().CreateBatch();
            var byCustomer = batch.StringSetAsync(CustomerKey(mapping.TenantId, mapping.CustomerId), json, CacheTtl);
            var byConversation = batch.StringSetAsync(ConversationKey(mapping.TenantId, mapping.ConversationId), json, CacheTtl);
            batch.Execute();
            await Task.WhenAll(byCustomer, byConversation);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Mapping cache unavailable: {Reason}", ex.Message);
        }
        return mapping;
    }

    /// <summary>
    /// Does the request know something the cached conversation lacks? A new profile name, or the wa_id and WhatsApp
    /// number of a conversation an RCS message opened (a tenant linking the two channels): the row must learn them.
    /// </summary>
    private static bool Teaches(EnsureMappingRequest request, ConversationMapping cached) =>
        (request.ContactName is not null && request.ContactName != cached.ContactName) ||
        (request.WaId is not null && cached.WaId is null) ||
        (request.PhoneNumberId is not null && cached.PhoneNumberId is null);

    private static string? WithoutNul(string? text) => text is not null && text.Contains('\0') ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private static ConversationMapping ToContract(ConversationMappingRow row) => new(
        row.TenantId, row.CustomerId, row.ConversationId, row.WaId, row.Bsuid, row.ContactName, row.PhoneNumberId,
        row.GenesysConversationId, row.CreatedAt, row.LastActivityAt, row.LastInboundAt, row.LastInboundMessageId, row.LastInboundChannel);
}
