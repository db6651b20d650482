namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>Where a provider token comes from when Redis has none: the one expensive, rate-limited call.</summary>
public interface ITokenSource
{
    /// <summary>Whose token this is, as operators read it: one of <c>ProviderKeys</c>.</summary>
    string Provider { get; }

    /// <summary>The Redis key holding the tenant's token (one of the token keys in <c>TenancyKeys</c>).</summary>
    string CacheKey(string tenantId);

    /// <summary>Issues a token or throws <see cref="TokenFailureException"/> saying why not.</summary>
    Task<IssuedToken> IssueAsync(string tenantId, CancellationToken cancellationToken);
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, TimeSpan CacheFor)
{
    public override string ToString() => $"IssuedToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
