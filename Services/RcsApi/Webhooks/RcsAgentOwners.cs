using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Contracts.Security;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>The active tenant that owns an RBM agent, with the client token its webhooks are checked against.</summary>
public sealed record RcsAgentOwner(TenantResolution Tenant, RcsSettings Rcs, Secret ClientToken);

/// <summary>
/// Who owns an RBM agent, for the webhook and its verification alike: the tenant directory by agent id, then the
/// tenant's webhook client token. Either answers an owner, or the status and reason to refuse with: 403 for an agent
/// no active tenant owns (or one without a token), 503 when our side cannot tell right now.
/// </summary>
public sealed class RcsAgentOwners(ITenantDirectory tenants, WebhookSecrets secrets)
{
    public async Task<(RcsAgentOwner? Owner, int Status, string Reason)> FindAsync(string agentId, CancellationToken ct)
    {
        TenantResolution? tenant;
        try
        {
            tenant = await tenants.FindByRcsAgentIdAsync(agentId, ct);
        }
        catch (TenantDirectoryUnavailableException)
        {
            return (null, StatusCodes.Status503ServiceUnavailable, "Tenant directory unavailable; try again shortly");
        }
        if (tenant is not { IsActive: true, Rcs: not null })
        {
            return (null, StatusCodes.Status403Forbidden, "Unknown or inactive tenant for this RCS agent");
        }
        Secret? clientToken;
        try
        {
            clientToken = await secrets.GetRcsWebhookTokenAsync(tenant.TenantId);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, StatusCodes.Status503ServiceUnavailable, "Tenant credentials unavailable; try again shortly");
        }
        return clientToken is null
            ? (null, StatusCodes.Status403Forbidden, "The tenant has no RCS webhook client token configured")
            : (new RcsAgentOwner(tenant, tenant.Rcs, clientToken), StatusCodes.Status200OK, "");
    }
}
