using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// One RCS message to one customer: exactly one of a text, a file by URL or a rich card, with optional suggestions.
/// The body of rcs-api's public <c>POST /api/v1/conv/RCS/sendmessage</c> and of its internal <c>POST /rcs/messages</c>
/// (which requires <see cref="IdempotencyKey"/>), so both are checked by one builder against RBM's limits.
/// </summary>
/// <param name="To">The customer's number in E.164 with its "+".</param>
/// <param name="Text">A text of at most 3072 characters.</param>
/// <param name="File">A file the provider fetches from a URL (image, video, PDF…).</param>
/// <param name="RichCard">RBM's <c>richCard</c> as is (a standalone card or a carousel); the provider checks it.</param>
/// <param name="Suggestions">At most 11 suggested replies or open-URL actions under the message.</param>
/// <param name="IdempotencyKey">A retried request with the same key is not sent twice.</param>
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

/// <summary>The answer: RBM's message id (a UUID), under which the provider's DELIVERED and READ events come back.</summary>
public sealed record SendRcsMessageResponse(string MessageId, string Status, DateTimeOffset? SendTime);

/// <summary>
/// An agent event to one customer (rcs-api's internal <c>POST /rcs/events</c>): <c>IS_TYPING</c> while an agent
/// types, or <c>READ</c> with the customer's <paramref name="MessageId"/> once an agent has answered it. Momentary:
/// the caller does not retry.
/// </summary>
public sealed record SendRcsEventRequest(string? To, string? EventType, string? MessageId = null)
{
    public const string IsTyping = "IS_TYPING";
    public const string Read = "READ";
}
