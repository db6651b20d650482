using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.OAuth;

/// <summary>A public OAuth client for the authorization-code grant: no secret, a fixed list of redirect URIs.</summary>
public sealed record LoginClient(string ClientId, IReadOnlyList<string> RedirectUris)
{
    /// <summary>Exact string comparison, as RFC 6749 §3.1.2.3 asks when full redirect URIs are registered.</summary>
    public bool Allows(string? redirectUri) => redirectUri is not null && RedirectUris.Contains(redirectUri, StringComparer.Ordinal);
}

/// <summary>Login clients: the configured ones plus those registered at run time (POST /sandbox/login-clients).</summary>
public sealed class LoginClientRegistry
{
    private readonly ConcurrentDictionary<string, LoginClient> _clients = new(StringComparer.Ordinal);

    public LoginClientRegistry(IOptions<GenesysSandboxOptions> options)
    {
        foreach (var configured in options.Value.LoginClients.Where(c => !string.IsNullOrWhiteSpace(c.ClientId)))
        {
            Upsert(new LoginClient(configured.ClientId, [.. configured.RedirectUris]));
        }
    }

    /// <summary>Adds the client or replaces its redirect URIs.</summary>
    public void Upsert(LoginClient client) => _clients[client.ClientId] = client;

    public LoginClient? Find(string? clientId) => clientId is null ? null : _clients.GetValueOrDefault(clientId);

    public IEnumerable<LoginClient> Clients() => _clients.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal);

    /// <summary>
    /// Why a redirect URI cannot be registered, or null: it must be absolute and carry no fragment (RFC 6749 §3.1.2).
    /// </summary>
    public static string? RedirectUriProblem(string? uri) =>
        !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? $"redirect URI \"{uri}\" is not an absolute URI."
        : parsed.Fragment.Length > 0 ? $"redirect URI \"{uri}\" must not have a fragment."
        : null;
}
