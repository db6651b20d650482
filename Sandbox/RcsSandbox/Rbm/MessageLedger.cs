using System.Collections.Concurrent;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>
/// Message and event ids each agent has used. RBM refuses an agent message whose id an earlier message or event of the
/// same agent used, whatever the recipient (409 ALREADY_EXISTS here).
/// </summary>
public sealed class MessageLedger
{
    private readonly ConcurrentDictionary<(string AgentId, string Id), byte> _used = new();

    /// <summary>False when the agent already used the id.</summary>
    public bool TryClaim(string agentId, string id) => _used.TryAdd((agentId, id), 0);

    public void Release(string agentId, string id) => _used.TryRemove((agentId, id), out _);

    public void Clear() => _used.Clear();
}
