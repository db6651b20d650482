namespace WhatsAppGenesys.RcsApi.Send;

// The request (SendRcsMessageRequest, RcsFile, RcsSuggestion) and its answer live in Shared/Contracts/Providers,
// because the outbound transformer sends the same body to the internal route.

/// <summary>Answer of <c>GET /api/v1/conv/RCS/messages/{id}/status</c>.</summary>
public sealed record RcsMessageStatusResponse(string MessageId, string Status, string? Reason, string Recipient, DateTimeOffset UpdatedAt);

/// <summary>Answer of <c>GET /api/v1/conv/RCS/capabilities/{msisdn}</c> for a number reachable over RCS.</summary>
public sealed record RcsCapabilitiesResponse(string Msisdn, bool RcsCapable, IReadOnlyList<string> Features);
