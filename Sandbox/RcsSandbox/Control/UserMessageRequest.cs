namespace WhatsAppGenesys.RcsSandbox.Control;

/// <summary>
/// What a test asks a simulated user to send (POST /sandbox/users/{msisdn}/messages; camelCase control API, not RBM's
/// wire format). Exactly one of <see cref="Text"/>, <see cref="SuggestionResponse"/>, <see cref="Location"/> or
/// <see cref="File"/>.
/// </summary>
/// <param name="AgentId">The agent written to; the default agent when absent.</param>
/// <param name="MessageId">Re-send an id to test the receiver's de-duplication; a new "Mx…" id when absent.</param>
/// <param name="SendTime">When the user's client says it sent the message; now when absent.</param>
public sealed record UserMessageRequest(
    string? Text,
    SuggestionResponsePayload? SuggestionResponse,
    LocationPayload? Location,
    FilePayload? File,
    string? AgentId,
    string? MessageId,
    DateTimeOffset? SendTime);

/// <summary>The user tapped a suggestion: type REPLY (default) or ACTION.</summary>
public sealed record SuggestionResponsePayload(string? PostbackData, string? Text, string? Type);

public sealed record LocationPayload(double Latitude, double Longitude);

/// <summary>A file the user sends: its bytes (base64), type and name, and optionally a thumbnail of its own.</summary>
public sealed record FilePayload(string? Base64, string? MimeType, string? FileName, string? ThumbnailBase64, string? ThumbnailMimeType);

/// <summary>POST /sandbox/users/{msisdn}/events: DELIVERED or READ about an agent message, or IS_TYPING.</summary>
public sealed record UserEventRequest(string? EventType, string? MessageId, string? AgentId);
