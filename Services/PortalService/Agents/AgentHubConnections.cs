using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Closes the live connections of sessions that end. A session's token is checked when its connection opens; after
/// that, only this keeps a signed-out session, or an agent the role sync found disabled or removed in Genesys, from
/// going on hearing the tenant's messages. Connections live on one replica each, so an ending is published on a Redis
/// channel every replica listens to, and each closes the connections it holds: it tells the page
/// (<see cref="AgentHub.SessionEnded"/>) and aborts the connection, whatever the page does.
/// </summary>
public sealed class AgentHubConnections(
    IConnectionMultiplexer redis, IHubContext<AgentNotificationsHub> hub, ILogger<AgentHubConnections> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("agent:session:ended");
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public void Opened(HubCallerContext connection) => _connections[connection.ConnectionId] = connection;

    public void Closed(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>A signed-out session: its connections close, on every replica.</summary>
    public Task EndSessionAsync(string tokenId) => redis.GetSubscriber().PublishAsync(Channel, SessionKey(tokenId));

    /// <summary>An agent who lost access: all their sessions' connections close, on every replica.</summary>
    public Task EndAgentAsync(Guid agentId) => redis.GetSubscriber().PublishAsync(Channel, AgentKey(agentId.ToString()));

    async Task IHostedService.StartAsync(CancellationToken cancellationToken) =>
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, ended) => _ = CloseAsync(ended.ToString()));

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    private async Task CloseAsync(string ended)
    {
        var reason = ended.StartsWith(SessionKey(""), StringComparison.Ordinal)
            ? AgentSessionEndReasons.SignedOut
            : AgentSessionEndReasons.AccessRemoved;
        foreach (var connection in _connections.Values.Where(c => Matches(c.User, ended)))
        {
            try
            {
                await hub.Clients.Client(connection.ConnectionId).SendAsync(AgentHub.SessionEnded, reason);
            }
            catch (Exception ex)
            {
                // The abort below is what matters; the notice only spares the page its reconnect attempts.
                logger.LogWarning("Could not tell connection {ConnectionId} its session ended: {Reason}", connection.ConnectionId, ex.Message);
            }
            connection.Abort();
            logger.LogInformation("Closed agent hub connection {ConnectionId}: its session ended", connection.ConnectionId);
        }
    }

    private static bool Matches(ClaimsPrincipal? user, string ended) =>
        user?.FindFirst(JwtRegisteredClaimNames.Jti)?.Value is { } tokenId && ended == SessionKey(tokenId) ||
        user?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { } agentId && ended == AgentKey(agentId);

    private static string SessionKey(string tokenId) => "session:" + tokenId;

    private static string AgentKey(string agentId) => "agent:" + agentId;
}
