using StackExchange.Redis;
using WhatsAppGenesys.AuthService.Credentials;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>
/// A tenant's RCS access token, behind <see cref="DistributedTokenCache{TSource}"/>, which serves it from
/// <c>rcs:access_token:{tenant}</c> and calls <see cref="IssueAsync"/> under the tenant's exchange lock when it is
/// missing. Issuing tries, in order:
/// <list type="number">
/// <item>the refresh token in <c>rcs:refresh_token:{tenant}</c>, exchanged at once (<c>grant_type=refresh_token</c>);
/// the provider rotates it, and the new one replaces it before the lock is released, so no replica ever presents a
/// spent refresh token;</item>
/// <item>if there is none, or the provider refuses it (<c>invalid_grant</c>: expired, revoked, reused), a new
/// client-credentials exchange, whose access token serves the same request and whose refresh token is kept.</item>
/// </list>
/// A provider outage during the refresh is not a refusal: the refresh token is kept and the caller gets 503.
/// </summary>
public sealed class RcsTokenSource(
    TenantCredentialsClient credentials,
    RcsLogin login,
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<RcsTokenSource> logger) : ITokenSource
{
    public string Provider => ProviderKeys.Rcs;

    public string CacheKey(string tenantId) => TenancyKeys.RcsAccessToken(tenantId);

    public async Task<IssuedToken> IssueAsync(string tenantId, CancellationToken cancellationToken)
    {
        var client = await credentials.GetRcsAsync(tenantId, cancellationToken);
        if (string.IsNullOrEmpty(client.ClientSecret))
        {
            throw new TokenFailureException(StatusCodes.Status409Conflict, "Not configured",
                $"Tenant '{tenantId}' has no RCS OAuth client secret configured.");
        }

        var grant = await RefreshAsync(client, cancellationToken) ?? await login.ClientCredentialsAsync(client, cancellationToken);
        await KeepRefreshTokenAsync(tenantId, grant);
        return new IssuedToken(grant.AccessToken, time.GetUtcNow() + grant.Lifetime, TokenLifetime.ServerCacheTtl(grant.Lifetime));
    }

    private async Task<RcsTokenGrant?> RefreshAsync(RcsCredentials client, CancellationToken cancellationToken)
    {
        var key = TenancyKeys.RcsRefreshToken(client.TenantId);
        string? refreshToken;
        try
        {
            refreshToken = await redis.GetDatabase().StringGetAsync(key) is { IsNullOrEmpty: false } value ? value.ToString() : null;
        }
        catch (RedisException ex)
        {
            logger.LogWarning("Redis unavailable reading the RCS refresh token of tenant {TenantId}: {Reason}", client.TenantId, ex.Message);
            return null;
        }
        if (refreshToken is null)
        {
            return null;
        }
        try
        {
            return await login.RefreshAsync(client, refreshToken, cancellationToken);
        }
        catch (RefreshTokenRejectedException rejected)
        {
            logger.LogInformation("{Reason} Exchanging the client credentials instead.", rejected.Message);
            return null; // the client-credentials grant's refresh token replaces it
        }
    }

    private async Task KeepRefreshTokenAsync(string tenantId, RcsTokenGrant grant)
    {
        var key = TenancyKeys.RcsRefreshToken(tenantId);
        try
        {
            if (grant.RefreshToken is { } refreshToken)
            {
                await (grant.RefreshLifetime is { } lifetime
                    ? redis.GetDatabase().StringSetAsync(key, refreshToken, lifetime)
                    : redis.GetDatabase().StringSetAsync(key, refreshToken));
            }
            else
            {
                // A provider that stops issuing refresh tokens leaves none behind to be refused later.
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
        catch (RedisException ex)
        {
            // The access token still serves this request; the next exchange falls back to the client credentials.
            logger.LogWarning("Redis unavailable keeping the RCS refresh token of tenant {TenantId}: {Reason}", tenantId, ex.Message);
        }
    }
}
