using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>A user signed in to the login host: what the session cookie's random id stands for.</summary>
public sealed record LoginSession(string Id, string UserId, string OrganizationId, DateTimeOffset ExpiresAt);

/// <summary>
/// The login host's sessions, which stand in for "the agent is signed in to Genesys Cloud". The cookie carries only a
/// random id, and the user lives here, so a cookie cannot be forged or pointed at another user. A session lasts
/// <see cref="Lifetime"/> (an agent's working day); it names the user, whose state is checked each time it is used.
/// </summary>
public sealed class LoginSessionStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const int PruneThreshold = 1_000;
    private readonly ConcurrentDictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);

    public LoginSession Start(DirectoryUser user)
    {
        var now = time.GetUtcNow();
        if (_sessions.Count > PruneThreshold)
        {
            Prune(now);
        }
        var session = new LoginSession(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), user.Id, user.OrganizationId,
            now + Lifetime);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session if it was started here and has not expired.</summary>
    public LoginSession? FindLive(string? id) =>
        id is not null && _sessions.TryGetValue(id, out var session) && time.GetUtcNow() < session.ExpiresAt ? session : null;

    public void Clear() => _sessions.Clear();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(key, out _);
            }
        }
    }
}
