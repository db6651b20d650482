using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WhatsAppGenesys.AgentWeb.SignIn;

namespace WhatsAppGenesys.AgentWeb.Conversations;

/// <summary>The signed-in agent of this page (circuit): who they are, and the session token to act on their behalf.</summary>
public sealed record AgentSession(string Token, string TenantId, string GenesysUserId, string Name, string Role)
{
    /// <summary>Admins and supervisors see every conversation of their tenant; agents the open ones and their own.</summary>
    public bool SeesAllConversations => Role is "Admin" or "Supervisor";

    /// <summary>A request to the portal service on this agent's behalf, carrying the session token.</summary>
    public HttpRequestMessage Request(string path, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return request;
    }

    public override string ToString() => $"AgentSession {{ TenantId = {TenantId}, Name = {Name}, Role = {Role} }}";

    public static async Task<AgentSession?> FromAsync(AuthenticationStateProvider authentication)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        string? Claim(string type) => user.FindFirst(type)?.Value;
        return Claim(AgentSessionHandler.SessionTokenClaim) is { } token
            ? new AgentSession(token, Claim(AgentSessionHandler.TenantClaim)!, Claim(AgentSessionHandler.GenesysUserClaim)!,
                user.Identity?.Name ?? "", Claim(ClaimTypes.Role) ?? "Agent")
            : null;
    }
}
