using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// The tenant's Meta system-user token. It is not exchanged for anything (system-user tokens are long-lived and
/// issued in Meta's business settings); "regenerating" it means reading the currently stored one again, which is
/// what a caller needs after an operator replaced a revoked token. Cached 24 h.
/// </summary>
public sealed class WhatsAppTokenSource(TenantCredentialsClient credentials, TimeProvider time) : ITokenSource
{
    public string Provider => ProviderKeys.WhatsApp;

    public string CacheKey(string tenantId) => TenancyKeys.WhatsAppToken(tenantId);

    public async Task<IssuedToken> IssueAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await credentials.GetWhatsAppAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(tenant.AccessToken))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has no WhatsApp access token configured.");
        }
        return new IssuedToken(tenant.AccessToken, time.GetUtcNow() + TenancyKeys.WhatsAppTokenTtl, TenancyKeys.WhatsAppTokenTtl);
    }
}
