using WhatsAppGenesys.RcsSandbox.Agents;
using WhatsAppGenesys.RcsSandbox.Control;
using WhatsAppGenesys.SandboxKit.Limits;

namespace WhatsAppGenesys.RcsSandbox.Rbm;

/// <summary>Agent messages per second per agent. The agent's own limit wins over the run-time setting; 0 or less means no limit.</summary>
public sealed class SendRateLimiter(SandboxSettings settings, TimeProvider time)
{
    private readonly PerSecondWindows _windows = new(time);

    public bool TryAcquire(Agent agent) => _windows.TryAcquire(agent.AgentId, agent.MessagesPerSecond ?? settings.MessagesPerSecond);

    public void Clear() => _windows.Clear();
}
