namespace WhatsAppGenesys.Contracts.Operations;

// What the pipelines' admin endpoints (/admin/pipelines/{pipeline}/...) answer, shared with the operator console.

/// <summary>A parked message as an operator sees it (never the body: it may hold customer data).</summary>
public sealed record ParkedMessage(
    string MessageId,
    string OrderingKey,
    string Type,
    string Reason,
    int Attempts,
    string? LastError,
    string? OriginalQueue,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? ParkedAt,
    int BodyBytes);

public sealed record QueueDepth(string Queue, uint Messages, uint Consumers);

public sealed record ReplayResult(int Replayed);
