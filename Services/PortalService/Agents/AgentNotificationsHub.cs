using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// The agent portal's live feed (<see cref="AgentHub"/>): agents only listen; the server pushes. A connection joins its
/// tenant's group, the tenant taken from the validated session token (whose tenant the scheme checked against the
/// agent's), never from anything the client sends.
/// </summary>
[Authorize(Policy = AgentSessionAuthentication.Policy)]
public sealed class AgentNotificationsHub(AgentHubConnections connections) : Hub
{
    public static string TenantGroup(string tenantId) => $"tenant:{tenantId}";

    public override async Task OnConnectedAsync()
    {
        var tenantId = Context.User?.FindFirst(AgentSessionTokens.TenantClaim)?.Value
            ?? throw new HubException("Not an agent session.");
        await Groups.AddToGroupAsync(Context.ConnectionId, TenantGroup(tenantId));
        connections.Opened(Context);
        await base.OnConnectedAsync();
        await Clients.Caller.SendAsync(AgentHub.Joined);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

public static class AgentNotificationsHubEndpoints
{
    /// <summary>
    /// The hub at <see cref="AgentHub.Path"/>; a connection is closed when its session token expires, and when its
    /// session ends before that (<see cref="AgentHubConnections"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapAgentNotificationsHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentNotificationsHub>(AgentHub.Path, connection => connection.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(AgentSessionAuthentication.Policy);
        return app;
    }
}
