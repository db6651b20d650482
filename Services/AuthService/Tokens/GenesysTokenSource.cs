using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>A tenant's Genesys access token: its stored OAuth client, exchanged by <see cref="GenesysLogin"/>.</summary>
public sealed class GenesysTokenSource(
    TenantCredentialsClient credentials,
    GenesysLogin login) : ITokenSource
{
    public string Provider => ProviderKeys.Genesys;

    public string CacheKey(string tenantId) => TenancyKeys.GenesysToken(tenantId);

    public async Task<IssuedToken> IssueAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await credentials.GetGenesysAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(tenant.ClientSecret))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has no Genesys OAuth client secret configured.");
        }
        if (!GenesysRegions.IsAllowedDomain(tenant.RegionDomain))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has a Genesys region outside the allow-list.");
        }

        var token = await login.ExchangeAsync(
            new GenesysClient(tenant.RegionDomain, tenant.ClientId, tenant.ClientSecret), tenantId, cancellationToken);
        return new IssuedToken(token.AccessToken, token.ExpiresAt, TokenLifetime.ServerCacheTtl(token.Lifetime));
    }
}
