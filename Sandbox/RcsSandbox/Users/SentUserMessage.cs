namespace WhatsAppGenesys.RcsSandbox.Users;

/// <summary>What a simulated user sent to an agent (a message or an event), as it went out in the webhook.</summary>
public sealed record SentUserMessage(string AgentId, string Id, string Kind, DateTimeOffset SendTime, string EventJson);
