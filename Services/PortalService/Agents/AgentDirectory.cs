using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts.Agents;
using WhatsAppGenesys.PortalService.Data;

namespace WhatsAppGenesys.PortalService.Agents;

/// <summary>The tenant's agents: provisioned at first sign-in, and kept as Genesys describes them.</summary>
public sealed class AgentDirectory(PortalDbContext db, AgentHubConnections connections, TimeProvider time, ILogger<AgentDirectory> logger)
{
    /// <summary>The signed-in Genesys user as the tenant's agent: created the first time, brought up to date after.</summary>
    public async Task<AgentUser> ProvisionAsync(string tenantId, GenesysAgent genesys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var agent = await db.Agents.SingleOrDefaultAsync(
            a => a.TenantId == tenantId && a.GenesysUserId == genesys.UserId, cancellationToken);
        if (agent is null)
        {
            agent = new AgentUser
            {
                Id = Guid.CreateVersion7(),
                TenantId = tenantId,
                GenesysUserId = genesys.UserId,
                Name = genesys.Name,
                Role = AgentRoles.Agent,
                CreatedAt = now,
            };
            db.Agents.Add(agent);
            logger.LogInformation("Provisioned agent {AgentId} for tenant {TenantId} at first sign-in", agent.Id, tenantId);
        }
        Apply(agent, genesys, now);
        agent.LastSignInAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(agent).State == EntityState.Added)
        {
            // The same user's first sign-in in two tabs at once: the other one provisioned them; update that row.
            db.Entry(agent).State = EntityState.Detached;
            return await ProvisionAsync(tenantId, genesys, cancellationToken);
        }
        return agent;
    }

    public Task<AgentUser?> FindAsync(Guid agentId, CancellationToken cancellationToken) =>
        db.Agents.SingleOrDefaultAsync(a => a.Id == agentId, cancellationToken);

    public Task<List<AgentUser>> ActiveAsync(CancellationToken cancellationToken) =>
        db.Agents.Where(a => a.Active).OrderBy(a => a.TenantId).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>What the role sync learned: the user as Genesys has them now, or null when Genesys no longer has them.</summary>
    public async Task SyncAsync(AgentUser agent, GenesysAgent? genesys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wasActive = agent.Active;
        if (genesys is null)
        {
            agent.Active = false;
            agent.SyncedAt = now;
            logger.LogInformation("Agent {AgentId} of tenant {TenantId} is gone from Genesys: access removed", agent.Id, agent.TenantId);
        }
        else
        {
            var before = (agent.Role, agent.Active);
            Apply(agent, genesys, now);
            if (before != (agent.Role, agent.Active))
            {
                logger.LogInformation("Agent {AgentId} of tenant {TenantId} synced from Genesys: {Role}, {State}",
                    agent.Id, agent.TenantId, agent.Role, agent.Active ? "active" : "inactive");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (wasActive && !agent.Active)
        {
            // Their requests are refused from now on; their open live connections close too.
            await connections.EndAgentAsync(agent.Id);
        }
    }

    private static void Apply(AgentUser agent, GenesysAgent genesys, DateTimeOffset now)
    {
        agent.Name = genesys.Name;
        agent.Email = genesys.Email;
        agent.GenesysRoles = [.. genesys.Roles];
        agent.Role = AgentRoles.FromGenesys(genesys.Roles);
        agent.Active = genesys.Active;
        agent.SyncedAt = now;
    }
}
