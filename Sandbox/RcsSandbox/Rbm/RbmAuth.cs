using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.OAuth;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// The bearer gate of the RBM API, in this order: no token, or an unknown, expired or revoked one → 401
/// UNAUTHENTICATED; a token the control API marked forbidden → 403; no agentId → 400; an agentId that is not the token
/// client's agent (or no agent at all) → 403 PERMISSION_DENIED, as Google answers a caller acting for an agent it
/// does not own.
/// </summary>
public static class RbmAuth
{
    public static GoogleError? Authorize(HttpRequest request, TokenStore tokens, AgentRegistry agents, out Agent? agent, out bool tokenPresented)
    {
        agent = null;
        var header = request.Headers.Authorization.ToString();
        tokenPresented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length;
        if (!tokenPresented)
        {
            return GoogleError.Unauthenticated();
        }
        switch (tokens.Check(header["Bearer ".Length..].Trim(), out var token))
        {
            case AccessTokenState.Unknown or AccessTokenState.Expired or AccessTokenState.Revoked:
                return GoogleError.Unauthenticated();
            case AccessTokenState.Forbidden:
                return GoogleError.PermissionDenied();
        }
        var agentId = request.Query["agentId"].ToString();
        if (agentId.Length == 0)
        {
            return GoogleError.InvalidArgument("Required parameter 'agentId' is missing.", "agent_id");
        }
        agent = agents.Find(agentId);
        if (agent is null || agent.ClientId != token!.ClientId)
        {
            agent = null;
            return GoogleError.PermissionDenied($"The caller does not have permission to act for agent {agentId}.");
        }
        return null;
    }
}
