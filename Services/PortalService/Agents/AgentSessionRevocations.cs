using StackExchange.Redis;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Signed-out sessions, by token id, in Redis until the token would have expired anyway (<c>agent:session:revoked:{jti}</c>):
/// every replica refuses a revoked token, and nothing outlives the token it stops.
/// </summary>
public sealed class AgentSessionRevocations(IConnectionMultiplexer redis, TimeProvider time)
{
    private static RedisKey Key(string tokenId) => $"agent:session:revoked:{tokenId}";

    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - time.GetUtcNow();
        if (remaining > TimeSpan.Zero)
        {
            // A minute beyond expiry covers the validation's clock skew.
            await redis.GetDatabase().StringSetAsync(Key(tokenId), 1, remaining + TimeSpan.FromMinutes(1));
        }
    }

    public Task<bool> IsRevokedAsync(string tokenId) => redis.GetDatabase().KeyExistsAsync(Key(tokenId));
}
