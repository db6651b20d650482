using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>What an authorization code was issued for; the token request must match it.</summary>
public sealed record AuthorizationCode(
    string Value,
    string ClientId,
    string RedirectUri,
    string UserId,
    string OrganizationId,
    string CodeChallenge,
    DateTimeOffset ExpiresAt);

/// <summary>
/// Issued authorization codes: random, valid for <see cref="Lifetime"/> and usable once (RFC 6749 §4.1.2). A failed
/// exchange leaves the code in place; the first successful one removes it.
/// </summary>
public sealed class AuthorizationCodeStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private const int PruneThreshold = 1_000;
    private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);

    public AuthorizationCode Issue(string clientId, string redirectUri, string userId, string organizationId, string codeChallenge)
    {
        var now = time.GetUtcNow();
        if (_codes.Count > PruneThreshold)
        {
            Prune(now);
        }
        var code = new AuthorizationCode(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), clientId, redirectUri,
            userId, organizationId, codeChallenge, now + Lifetime);
        _codes[code.Value] = code;
        return code;
    }

    /// <summary>The code if it was issued, is unused and has not expired.</summary>
    public AuthorizationCode? FindLive(string value) =>
        _codes.TryGetValue(value, out var code) && time.GetUtcNow() < code.ExpiresAt ? code : null;

    /// <summary>Uses the code up; false when another exchange used it first.</summary>
    public bool TryConsume(AuthorizationCode code) => _codes.TryRemove(new KeyValuePair<string, AuthorizationCode>(code.Value, code));

    public void Clear() => _codes.Clear();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, code) in _codes)
        {
            if (code.ExpiresAt <= now)
            {
                _codes.TryRemove(key, out _);
            }
        }
    }
}
