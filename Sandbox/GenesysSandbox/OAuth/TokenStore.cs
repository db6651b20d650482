using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>
/// An issued token. A client token (client-credentials grant) acts for its client's organization; a user token
/// (authorization-code grant) acts for <paramref name="UserId"/> of <paramref name="OrganizationId"/>.
/// </summary>
public sealed record AccessToken(
    string Value,
    string ClientId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string OrganizationId,
    string? UserId)
{
    public bool IsUserToken => UserId is not null;
}

public enum TokenState
{
    Unknown,
    Expired,
    Valid,
}

/// <summary>Issued access tokens. Opaque random strings like Genesys's; the expiry is checked against the injected clock.</summary>
public sealed class TokenStore(TimeProvider time)
{
    private const int PruneThreshold = 10_000;
    private readonly ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>A client token: the client acts for its organization.</summary>
    public AccessToken Issue(string clientId, string organizationId, TimeSpan lifetime) =>
        Store(clientId, organizationId, userId: null, lifetime);

    /// <summary>A user token: <paramref name="clientId"/> acts for the user who signed in.</summary>
    public AccessToken IssueForUser(string clientId, string organizationId, string userId, TimeSpan lifetime) =>
        Store(clientId, organizationId, userId, lifetime);

    private AccessToken Store(string clientId, string organizationId, string? userId, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        var token = new AccessToken(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48)), clientId, now, now + lifetime,
            organizationId, userId);
        _tokens[token.Value] = token;
        if (_tokens.Count > PruneThreshold)
        {
            Prune(now);
        }
        return token;
    }

    public TokenState Check(string value, out AccessToken? token)
    {
        if (!_tokens.TryGetValue(value, out token))
        {
            return TokenState.Unknown;
        }
        return time.GetUtcNow() >= token.ExpiresAt ? TokenState.Expired : TokenState.Valid;
    }

    /// <summary>Ends the tokens of one client (or all) now, so callers see credentials.expired on their next request.</summary>
    public int ExpireNow(string? clientId)
    {
        var now = time.GetUtcNow();
        var expired = 0;
        foreach (var (key, token) in _tokens)
        {
            if (clientId is null || token.ClientId == clientId)
            {
                _tokens[key] = token with { ExpiresAt = now };
                expired++;
            }
        }
        return expired;
    }

    public void Clear() => _tokens.Clear();

    // Expired tokens are kept an hour so late callers still get credentials.expired rather than authentication.required.
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, token) in _tokens)
        {
            if (token.ExpiresAt < now - TimeSpan.FromHours(1))
            {
                _tokens.TryRemove(key, out _);
            }
        }
    }
}
