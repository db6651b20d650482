using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Who wrote a reply sent from the portal. Genesys sends it agentless, and the message that comes back through the
/// outbound webhook names only the integration (<c>channel.from</c>), so the history would not know the agent (and
/// the reply would be missing from the agent's "Mine"). The
/// portal service therefore remembers, by Genesys message id, which agent sent it: in Redis
/// (<c>agent:reply:{tenant}:{genesysMessageId}</c>, one day), for the history to read when it stores the message. The
/// two can happen in either order, on different replicas: the sender writes the key and then fills in a history row
/// already stored; the history stores its row and then reads the key again if it had missed it. Whichever runs second
/// sees the other's write, so the reply is attributed either way.
/// </summary>
public sealed class AgentReplyAttribution(IConnectionMultiplexer redis, PortalDbContext db, ILogger<AgentReplyAttribution> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public sealed record Author(string AgentId, string AgentName);

    public static string Key(string tenantId, string genesysMessageId) => $"agent:reply:{tenantId}:{genesysMessageId}";

    /// <summary>Remembers the reply's author, then attributes its history rows stored meanwhile.</summary>
    public async Task RememberAsync(string tenantId, Guid conversationId, string genesysMessageId, Author author, CancellationToken ct)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(tenantId, genesysMessageId), JsonSerializer.Serialize(author), Lifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not remember who sent Genesys message {GenesysMessageId}: {Reason}", genesysMessageId, ex.Message);
        }
        var parts = genesysMessageId + "#";
        await db.Messages
            .Where(m => m.TenantId == tenantId && m.ConversationId == conversationId && m.Direction == HistoryDirections.Outbound
                        && (m.GenesysMessageId == genesysMessageId || m.GenesysMessageId!.StartsWith(parts)))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.AgentId, author.AgentId).SetProperty(m => m.AgentName, author.AgentName), ct);
    }

    /// <summary>
    /// The author of an agent message the history is about to store, when it was sent from the portal.
    /// A split message's parts (<c>{id}#2</c>…) share the first part's author.
    /// </summary>
    public async Task<Author?> FindAsync(string tenantId, string? genesysMessageId)
    {
        if (genesysMessageId is not { Length: > 0 })
        {
            return null;
        }
        var hash = genesysMessageId.IndexOf('#', StringComparison.Ordinal);
        var id = hash > 0 ? genesysMessageId[..hash] : genesysMessageId;
        try
        {
            var stored = await redis.GetDatabase().StringGetAsync(Key(tenantId, id));
            return stored.HasValue ? JsonSerializer.Deserialize<Author>(stored.ToString()) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not look up who sent Genesys message {GenesysMessageId}: {Reason}", genesysMessageId, ex.Message);
            return null;
        }
    }
}
