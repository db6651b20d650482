namespace WhatsAppGenesys.RcsSandbox.Users;

/// <summary>An agent event a user received (phones.agentEvents.create): IS_TYPING, or READ for one of the user's messages.</summary>
public sealed record AgentEventRecord(string AgentId, string EventId, string EventType, string? MessageId, DateTimeOffset SendTime);
