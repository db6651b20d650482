namespace WhatsAppGenesys.RcsSandbox.Users;

/// <summary>
/// One phone number: whether it is reachable over RCS (null = the configured rule decides), what agents sent it (messages
/// and events such as READ or IS_TYPING), in order, and what it sent them.
/// </summary>
public sealed class SimulatedUser(string msisdn)
{
    private readonly List<ReceivedMessage> _received = [];
    private readonly List<SentUserMessage> _sent = [];
    private readonly List<AgentEventRecord> _agentEvents = [];

    public string Msisdn { get; } = msisdn;

    /// <summary>Set through the control API; null leaves it to <see cref="UserDirectory"/>'s prefix rule.</summary>
    public bool? CapableOverride { get; set; }

    public void AddReceived(ReceivedMessage message, int keep)
    {
        lock (_received)
        {
            _received.Add(message);
            if (_received.Count > keep)
            {
                _received.RemoveRange(0, _received.Count - keep);
            }
        }
    }

    public IReadOnlyList<ReceivedMessage> Received()
    {
        lock (_received)
        {
            return [.. _received];
        }
    }

    public void AddSent(SentUserMessage message, int keep)
    {
        lock (_sent)
        {
            _sent.Add(message);
            if (_sent.Count > keep)
            {
                _sent.RemoveRange(0, _sent.Count - keep);
            }
        }
    }

    public IReadOnlyList<SentUserMessage> Sent()
    {
        lock (_sent)
        {
            return [.. _sent];
        }
    }

    public void AddAgentEvent(AgentEventRecord agentEvent, int keep)
    {
        lock (_agentEvents)
        {
            _agentEvents.Add(agentEvent);
            if (_agentEvents.Count > keep)
            {
                _agentEvents.RemoveRange(0, _agentEvents.Count - keep);
            }
        }
    }

    public IReadOnlyList<AgentEventRecord> AgentEvents()
    {
        lock (_agentEvents)
        {
            return [.. _agentEvents];
        }
    }
}
