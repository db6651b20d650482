using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>
/// Brings every active agent in step with Genesys: their roles, and whether Genesys still has them active. A user
/// removed or disabled in Genesys loses access here, and their sessions stop working at once (the session check reads
/// <see cref="AgentUser.Active"/>). When Genesys cannot be asked, the agent is left as they were and counted as failed.
/// </summary>
public sealed class AgentRoleSync(AgentDirectory agents, AgentSignInClient signIn, ILogger<AgentRoleSync> logger)
{
    public async Task<AgentRoleSyncResult> RunAsync(CancellationToken cancellationToken)
    {
        int checkedCount = 0, deactivated = 0, failed = 0;
        foreach (var agent in await agents.ActiveAsync(cancellationToken))
        {
            var current = await signIn.FindAsync(agent.TenantId, agent.GenesysUserId, cancellationToken);
            if (current.Value is null && current.Status != StatusCodes.Status404NotFound)
            {
                failed++;
                logger.LogWarning("Role sync could not check agent {AgentId} of tenant {TenantId}: {Status} {Reason}",
                    agent.Id, agent.TenantId, current.Status, current.Detail);
                continue;
            }
            await agents.SyncAsync(agent, current.Value, cancellationToken);
            checkedCount++;
            deactivated += agent.Active ? 0 : 1;
        }
        return new AgentRoleSyncResult(checkedCount, deactivated, failed);
    }
}
