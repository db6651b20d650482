using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace WhatsAppGenesys.RcsSandbox.Agents;

/// <summary>
/// Registered agents, by agent id and by OAuth client id. The default agent comes from configuration. One client acts
/// for one agent here; registering an agent under a client id another agent holds moves the client to the new agent.
/// </summary>
public sealed class AgentRegistry
{
    private readonly ConcurrentDictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _agentByClient = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public AgentRegistry(IOptions<RcsSandboxOptions> options)
    {
        var o = options.Value;
        Default = new Agent(o.AgentId, o.ClientId, o.ClientSecret, o.WebhookSecret, null, null, null, null, null);
        Register(Default);
    }

    public Agent Default { get; private set; }

    public int Count => _agents.Count;

    public IReadOnlyList<Agent> All => [.. _agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal)];

    /// <summary>Adds or replaces; true when the agent id was new.</summary>
    public bool Register(Agent agent)
    {
        lock (_gate)
        {
            var existed = _agents.TryGetValue(agent.AgentId, out var previous);
            if (previous is not null && previous.ClientId != agent.ClientId)
            {
                _agentByClient.TryRemove(KeyValuePair.Create(previous.ClientId, previous.AgentId));
            }
            _agents[agent.AgentId] = agent;
            _agentByClient[agent.ClientId] = agent.AgentId;
            if (agent.AgentId == Default.AgentId)
            {
                Default = agent;
            }
            return !existed;
        }
    }

    /// <summary>Changes an agent in place (PATCH); null when the agent is unknown.</summary>
    public Agent? Update(string agentId, Func<Agent, Agent> change)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(agentId, out var agent))
            {
                return null;
            }
            var changed = change(agent) with { AgentId = agent.AgentId, ClientId = agent.ClientId };
            _agents[agentId] = changed;
            if (agentId == Default.AgentId)
            {
                Default = changed;
            }
            return changed;
        }
    }

    public Agent? Find(string? agentId) =>
        agentId is not null && _agents.TryGetValue(agentId, out var agent) ? agent : null;

    public Agent? FindByClient(string clientId) =>
        _agentByClient.TryGetValue(clientId, out var agentId) ? Find(agentId) : null;

    /// <summary>Constant-time secret comparison, so the token endpoint does not leak how much of a secret matched.</summary>
    public static bool SecretMatches(Agent agent, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(agent.ClientSecret), Encoding.UTF8.GetBytes(secret));
}
