using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.GenesysSandbox.Model;

/// <summary>
/// Integrations and OAuth clients known to the simulator: the configured sandbox tenant plus whatever the benchmark
/// registers at run time (POST /sandbox/integrations).
/// </summary>
public sealed class IntegrationRegistry
{
    // Integration ids are GUIDs; Genesys treats path GUIDs case-insensitively.
    private readonly ConcurrentDictionary<string, Integration> _integrations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, OAuthClient> _clients = new(StringComparer.Ordinal);

    public IntegrationRegistry(IOptions<GenesysSandboxOptions> options)
    {
        var o = options.Value;
        // OrganizationDirectory holds the same organization from the start.
        var organization = Organization.DefaultFor(o.ClientId);
        Register(new Integration(o.IntegrationId, o.IntegrationName, o.WebhookUrl, o.WebhookSecret, o.ClientId,
            new Dictionary<string, string>()), new OAuthClient(o.ClientId, o.ClientSecret, null, organization.Id));
    }

    public int Count => _integrations.Count;

    /// <summary>Adds or replaces the integration and its client (a client registered again gets the newer secret).</summary>
    public void Register(Integration integration, OAuthClient client)
    {
        _clients[client.ClientId] = client;
        _integrations[integration.Id] = integration;
    }

    public bool TryGetIntegration(string id, out Integration integration) => _integrations.TryGetValue(id, out integration!);

    public IEnumerable<Integration> Integrations() => _integrations.Values;

    public OAuthClient? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    public IEnumerable<OAuthClient> Clients() => _clients.Values;

    /// <summary>Constant-time secret comparison, so the simulator is no timing oracle either.</summary>
    public static bool SecretMatches(OAuthClient client, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.Secret), Encoding.UTF8.GetBytes(secret));
}
