using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.AuthService.Tokens;
using WhatsAppGenesys.Contracts.Agents;

namespace WhatsAppGenesys.AuthService.Agents;

/// <summary>
/// Agent sign-in with Genesys: the authorize URL of the tenant's region, then the code redemption, the signed-in
/// user, and the check that binds the user to the tenant. A tenant is connected to one Genesys organization (the one
/// its OAuth client belongs to); an agent signs in to a tenant only with a user of that organization, so a user of
/// another business's Genesys can never open this tenant's workspace.
/// </summary>
public sealed class AgentSignIn(
    TenantCredentialsClient credentials,
    DistributedTokenCache<GenesysTokenSource> tenantTokens,
    GenesysUsers users,
    IOptions<AgentSignInOptions> options,
    ILogger<AgentSignIn> logger)
{
    public async Task<AgentAuthorizeResponse> AuthorizeUrlAsync(AgentAuthorizeRequest request, CancellationToken cancellationToken)
    {
        var region = await RegionAsync(request.TenantId, cancellationToken);
        var url = QueryHelpers.AddQueryString(new Uri(users.LoginBaseUri(region), "/oauth/authorize").ToString(),
            new Dictionary<string, string?>
            {
                ["response_type"] = "code",
                ["client_id"] = options.Value.ClientId,
                ["redirect_uri"] = request.RedirectUri,
                ["state"] = request.State,
                ["code_challenge"] = request.CodeChallenge,
                ["code_challenge_method"] = "S256",
            });
        return new AgentAuthorizeResponse(url);
    }

    /// <summary>Which Genesys Cloud origin may frame the tenant's agent widget: the web app of the tenant's region.</summary>
    public async Task<AgentWidgetHost> WidgetHostAsync(string tenantId, CancellationToken cancellationToken) =>
        new(tenantId, users.AppsOrigin(await RegionAsync(tenantId, cancellationToken)));

    public async Task<GenesysAgent> SignInAsync(AgentSignInRequest request, CancellationToken cancellationToken)
    {
        var region = await RegionAsync(request.TenantId, cancellationToken);
        var userToken = await users.RedeemCodeAsync(region, request.Code, request.RedirectUri, request.CodeVerifier, cancellationToken);
        var user = ToAgent(await users.GetSignedInUserAsync(region, userToken, cancellationToken));

        var tenantOrganization = await TenantOrganizationAsync(request.TenantId, region, cancellationToken);
        if (!string.Equals(user.OrganizationId, tenantOrganization, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Sign-in to tenant {TenantId} refused: Genesys user {UserId} belongs to another organization",
                request.TenantId, user.UserId);
            throw new TokenFailureException(StatusCodes.Status403Forbidden, "Another organization",
                $"You signed in to a Genesys organization that is not connected to workspace '{request.TenantId}'. " +
                "Sign in with your account of that business's Genesys Cloud.");
        }
        if (!user.Active)
        {
            throw new TokenFailureException(StatusCodes.Status403Forbidden, "User inactive",
                "Your Genesys Cloud user is not active. Ask your Genesys administrator.");
        }
        return user;
    }

    /// <summary>The tenant's organization's user as Genesys has them now; null when they are gone.</summary>
    public async Task<GenesysAgent?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var region = await RegionAsync(tenantId, cancellationToken);
        var token = await tenantTokens.GetAsync(tenantId, cancellationToken);
        // users/{id} with the tenant's own token only ever finds users of the tenant's organization; it is asked to
        // expand the organization, as users/me is.
        return await users.FindUserAsync(region, token.AccessToken, userId, cancellationToken) is { } user ? ToAgent(user) : null;
    }

    private async Task<string> TenantOrganizationAsync(string tenantId, string region, CancellationToken cancellationToken)
    {
        var token = await tenantTokens.GetAsync(tenantId, cancellationToken);
        return await users.GetOrganizationIdAsync(region, token.AccessToken, cancellationToken);
    }

    private async Task<string> RegionAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await credentials.GetGenesysAsync(tenantId, cancellationToken);
        return Contracts.Tenancy.GenesysRegions.IsAllowedDomain(tenant.RegionDomain)
            ? tenant.RegionDomain
            : throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has a Genesys region outside the allow-list.");
    }

    private static GenesysAgent ToAgent(GenesysUserWire user) =>
        user is { Id.Length: > 0, Organization.Id.Length: > 0 }
            ? new GenesysAgent(
                user.Id!,
                string.IsNullOrWhiteSpace(user.Name) ? user.Email ?? user.Id! : user.Name!,
                user.Email,
                user.Organization!.Id!,
                [.. (user.Authorization?.Roles ?? []).Select(r => r.Name).OfType<string>()],
                string.Equals(user.State, "active", StringComparison.OrdinalIgnoreCase))
            : throw new TokenFailureException(StatusCodes.Status502BadGateway, "Genesys answer unusable",
                "Genesys described the user without an id or an organization.");
}
