using System.Text.Json;

namespace WhatsAppGenesys.RcsApi.Send;

/// <summary>
/// Body of <c>POST /api/v1/conv/RCS/sendmessage</c> (the RCS send API, for the tenant the gateway authenticated):
/// exactly one of a text, a file by URL or a rich card, with optional suggestions, to one customer.
/// </summary>
/// <param name="To">The customer's number in E.164 with its "+".</param>
/// <param name="Text">A text of at most 3072 characters.</param>
/// <param name="File">A file the provider fetches from a URL (image, video, PDF…).</param>
/// <param name="RichCard">RBM's <c>richCard</c> as is (a standalone card or a carousel); the provider checks it.</param>
/// <param name="Suggestions">At most 11 suggested replies or open-URL actions under the message.</param>
/// <param name="IdempotencyKey">Optional: a retried request with the same key is not sent twice.</param>
public sealed record SendRcsMessageRequest(
    string? To,
    string? Text = null,
    RcsFile? File = null,
    JsonElement? RichCard = null,
    IReadOnlyList<RcsSuggestion>? Suggestions = null,
    string? IdempotencyKey = null);

/// <summary>A file by a URL the provider can fetch, with an optional thumbnail.</summary>
public sealed record RcsFile(string? Url, string? ThumbnailUrl = null);

/// <summary>A suggested reply (<paramref name="PostbackData"/> defaults to the text), or with <paramref name="Url"/> an open-URL action.</summary>
public sealed record RcsSuggestion(string? Text, string? PostbackData = null, string? Url = null);

/// <summary>The answer: our message id, under which the status route reports it.</summary>
public sealed record SendRcsMessageResponse(string MessageId, string Status, DateTimeOffset? SendTime);

/// <summary>Answer of <c>GET /api/v1/conv/RCS/messages/{id}/status</c>.</summary>
public sealed record RcsMessageStatusResponse(string MessageId, string Status, string? Reason, string Recipient, DateTimeOffset UpdatedAt);

/// <summary>Answer of <c>GET /api/v1/conv/RCS/capabilities/{msisdn}</c> for a number reachable over RCS.</summary>
public sealed record RcsCapabilitiesResponse(string Msisdn, bool RcsCapable, IReadOnlyList<string> Features);
