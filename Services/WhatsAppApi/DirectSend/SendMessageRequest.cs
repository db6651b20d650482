namespace WhatsAppGenesys.WhatsAppApi.DirectSend;

/// <summary>
/// Body of <c>POST /api/v1/whatsapp/sendmessage</c> (the public send API, for the tenant the gateway authenticated):
/// a text, a template or a media message to one customer, in a shape simpler than Graph's.
/// </summary>
/// <param name="To">The customer's phone number (digits, "+" allowed) or business-scoped user id.</param>
/// <param name="Type">text, template, image, video, audio or document.</param>
/// <param name="Text">The text of a text message, or a media caption (not for audio).</param>
/// <param name="IdempotencyKey">Optional: a retried request with the same key is not sent twice.</param>
/// <param name="PhoneNumberId">Optional: which of the tenant's numbers sends; the first one otherwise.</param>
public sealed record SendMessageRequest(
    string? To,
    string? Type,
    string? Text = null,
    bool? PreviewUrl = null,
    SendTemplate? Template = null,
    SendMedia? Media = null,
    string? IdempotencyKey = null,
    string? PhoneNumberId = null);

/// <summary>An approved template; <paramref name="Parameters"/> fill the body's {{1}}, {{2}}… in order.</summary>
public sealed record SendTemplate(string? Name, string? Language, IReadOnlyList<string>? Parameters = null);

/// <summary>Media by a URL Meta can fetch (<paramref name="Link"/>) or by an uploaded media id.</summary>
public sealed record SendMedia(string? Link, string? Id = null, string? Filename = null);

/// <summary>The answer: Meta's message id, under which <c>GET /api/v1/messages/{id}</c> reports the status.</summary>
public sealed record SendMessageResponse(string MessageId, string Status, string? MessageStatus);

/// <summary>Answer of <c>GET /api/v1/messages/{id}</c>.</summary>
public sealed record MessageStatusResponse(string MessageId, string Status, string? Reason, string? Direction, DateTimeOffset UpdatedAt);
