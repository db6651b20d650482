using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Campaigns;

namespace WhatsAppGenesys.InboundTransformer.Delivery;

/// <summary>
/// Which campaign a customer was last sent in the past 24 hours (<see cref="CampaignReplyTag"/>), so their reply
/// reaches the agent tagged with it. A tag is a courtesy: Redis being unavailable delivers the reply untagged.
/// </summary>
public sealed class CampaignReplyTags(IConnectionMultiplexer redis, ILogger<CampaignReplyTags> logger)
{
    public async Task<string?> FindAsync(string tenantId, string customerId)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(CampaignReplyTag.Key(tenantId, customerId));
            return value.HasValue ? value.ToString() : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Campaign tag of a reply not read, delivering it untagged: {Reason}", ex.Message);
            return null;
        }
    }
}
