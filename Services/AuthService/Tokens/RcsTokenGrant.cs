namespace WhatsAppGenesys.AuthService.Tokens;

/// <summary>What the RCS provider's token endpoint issued: an access token and, with it, a refresh token.</summary>
public sealed record RcsTokenGrant(string AccessToken, TimeSpan Lifetime, string? RefreshToken, TimeSpan? RefreshLifetime)
{
    public override string ToString() => $"RcsTokenGrant {{ Lifetime = {Lifetime}, HasRefreshToken = {RefreshToken is not null} }}";
}

/// <summary>The provider refused a refresh token (RFC 6749 <c>invalid_grant</c>: expired, revoked or already rotated).</summary>
public sealed class RefreshTokenRejectedException(string detail) : Exception(detail);
