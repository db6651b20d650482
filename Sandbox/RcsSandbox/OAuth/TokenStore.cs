using System.Collections.Concurrent;
using WhatsAppGenesys.RcsSandbox.Wire;

namespace WhatsAppGenesys.RcsSandbox.OAuth;

/// <summary>
/// An access token. <paramref name="FamilyId"/> ties together every token descended from one client-credentials grant
/// through refreshes, so revoking a refresh token (RFC 7009 §2.1) or detecting its reuse can end the whole chain.
/// <paramref name="Forbidden"/> is the control API's mark: the token still authenticates but every call answers 403.
/// </summary>
public sealed record AccessToken(string Value, string ClientId, string FamilyId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt,
    bool Revoked = false, bool Forbidden = false);

/// <summary>A refresh token; <paramref name="Rotated"/> once it was exchanged (each refresh token works once).</summary>
public sealed record RefreshToken(string Value, string ClientId, string FamilyId, DateTimeOffset ExpiresAt,
    bool Revoked = false, bool Rotated = false);

public sealed record IssuedTokens(AccessToken Access, RefreshToken Refresh);

public enum AccessTokenState
{
    Unknown,
    Expired,
    Revoked,
    Forbidden,
    Valid,
}

public enum RefreshFailure
{
    None,
    Unknown,
    OtherClient,
    Expired,
    Revoked,
    Reused,
}

/// <summary>
/// Issued tokens, in memory. Opaque random strings (an aggregator's tokens are not JWTs a client could read); expiry is
/// checked against the injected clock, so tests move time instead of waiting.
/// </summary>
public sealed class TokenStore(TimeProvider time)
{
    private const int PruneThreshold = 20_000;
    private static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, AccessToken> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshToken> _refresh = new(StringComparer.Ordinal);

    /// <summary>client_credentials: a new family with its first access and refresh token.</summary>
    public IssuedTokens Issue(string clientId, TimeSpan accessLifetime, TimeSpan refreshLifetime) =>
        IssueInFamily(clientId, Guid.NewGuid().ToString("N"), accessLifetime, refreshLifetime);

    /// <summary>
    /// refresh_token: exchanges a refresh token once, for a new access token and a new (rotated) refresh token with a
    /// full lifetime of its own. Access tokens issued before stay valid until they expire.
    /// </summary>
    public RefreshFailure Refresh(string clientId, string refreshToken, TimeSpan accessLifetime, TimeSpan refreshLifetime,
        bool revokeFamilyOnReuse, out IssuedTokens? issued)
    {
        issued = null;
        while (true)
        {
            if (!_refresh.TryGetValue(refreshToken, out var current))
            {
                return RefreshFailure.Unknown;
            }
            if (current.ClientId != clientId)
            {
                return RefreshFailure.OtherClient;
            }
            if (current.Revoked)
            {
                return RefreshFailure.Revoked;
            }
            if (current.Rotated)
            {
                if (revokeFamilyOnReuse)
                {
                    RevokeFamily(current.FamilyId);
                }
                return RefreshFailure.Reused;
            }
            if (time.GetUtcNow() >= current.ExpiresAt)
            {
                return RefreshFailure.Expired;
            }
            // Exactly one of two concurrent refreshes with the same token wins; the other sees it rotated.
            if (_refresh.TryUpdate(refreshToken, current with { Rotated = true }, current))
            {
                issued = IssueInFamily(clientId, current.FamilyId, accessLifetime, refreshLifetime);
                return RefreshFailure.None;
            }
        }
    }

    public AccessTokenState Check(string value, out AccessToken? token)
    {
        if (!_access.TryGetValue(value, out token))
        {
            return AccessTokenState.Unknown;
        }
        if (token.Revoked)
        {
            return AccessTokenState.Revoked;
        }
        if (time.GetUtcNow() >= token.ExpiresAt)
        {
            return AccessTokenState.Expired;
        }
        return token.Forbidden ? AccessTokenState.Forbidden : AccessTokenState.Valid;
    }

    /// <summary>
    /// RFC 7009 revocation on behalf of <paramref name="clientId"/>: an access token ends alone, a refresh token ends
    /// with every token of its family. A token of another client, or an unknown one, is left alone (and the caller
    /// still answers 200). True when something was revoked.
    /// </summary>
    public bool Revoke(string clientId, string value)
    {
        if (_refresh.TryGetValue(value, out var refresh) && refresh.ClientId == clientId)
        {
            return RevokeFamily(refresh.FamilyId) > 0;
        }
        if (_access.TryGetValue(value, out var access) && access.ClientId == clientId && !access.Revoked)
        {
            _access[value] = access with { Revoked = true };
            return true;
        }
        return false;
    }

    /// <summary>Control API: every access and refresh token of the client, revoked.</summary>
    public int RevokeClient(string clientId) =>
        Change(_access, t => t.ClientId == clientId && !t.Revoked, t => t with { Revoked = true }) +
        Change(_refresh, t => t.ClientId == clientId && !t.Revoked, t => t with { Revoked = true });

    /// <summary>Control API: the client's access tokens expire now (refresh tokens keep working).</summary>
    public int ExpireAccessTokens(string clientId)
    {
        var now = time.GetUtcNow();
        return Change(_access, t => t.ClientId == clientId && !t.Revoked && t.ExpiresAt > now, t => t with { ExpiresAt = now });
    }

    /// <summary>Control API: the client's current access tokens answer 403 from now on; new ones are not affected.</summary>
    public int Forbid(string clientId)
    {
        var now = time.GetUtcNow();
        return Change(_access, t => t.ClientId == clientId && !t.Revoked && !t.Forbidden && t.ExpiresAt > now, t => t with { Forbidden = true });
    }

    public void Clear()
    {
        _access.Clear();
        _refresh.Clear();
    }

    private IssuedTokens IssueInFamily(string clientId, string familyId, TimeSpan accessLifetime, TimeSpan refreshLifetime)
    {
        var now = time.GetUtcNow();
        var access = new AccessToken(Ids.NewToken("rcs_at_"), clientId, familyId, now, now + accessLifetime);
        var refresh = new RefreshToken(Ids.NewToken("rcs_rt_"), clientId, familyId, now + refreshLifetime);
        _access[access.Value] = access;
        _refresh[refresh.Value] = refresh;
        if (_access.Count > PruneThreshold)
        {
            Prune(now);
        }
        return new IssuedTokens(access, refresh);
    }

    private int RevokeFamily(string familyId) =>
        Change(_access, t => t.FamilyId == familyId && !t.Revoked, t => t with { Revoked = true }) +
        Change(_refresh, t => t.FamilyId == familyId && !t.Revoked, t => t with { Revoked = true });

    private static int Change<T>(ConcurrentDictionary<string, T> tokens, Func<T, bool> select, Func<T, T> change) where T : class
    {
        var changed = 0;
        foreach (var (key, token) in tokens)
        {
            if (select(token) && tokens.TryUpdate(key, change(token), token))
            {
                changed++;
            }
        }
        return changed;
    }

    // Expired tokens are kept an hour, so a late caller still meets "expired" rather than "unknown".
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, token) in _access)
        {
            if (token.ExpiresAt < now - KeepAfterExpiry)
            {
                _access.TryRemove(key, out _);
            }
        }
        foreach (var (key, token) in _refresh)
        {
            if (token.ExpiresAt < now - KeepAfterExpiry)
            {
                _refresh.TryRemove(key, out _);
            }
        }
    }
}
