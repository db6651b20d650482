using System.Text.Json;

namespace WhatsAppGenesys.Contracts.Providers;

/// <summary>
/// Body of the WhatsApp API service's <c>POST /whatsapp/messages</c>: a Graph <c>/messages</c> body to send for the
/// tenant named in <c>X-Tenant-ID</c>, from <see cref="PhoneNumberId"/> (the tenant's first number when absent), and
/// the key under which the service sends it at most once.
/// </summary>
public sealed record WhatsAppSendRequest(string IdempotencyKey, JsonElement Body, string? PhoneNumberId = null);

/// <summary>What Meta answered: the wamid later statuses refer to (and "accepted"/"paused"… for templates).</summary>
public sealed record WhatsAppSendResult(string Wamid, string? MessageStatus = null);

/// <summary>
/// Body of <c>POST /whatsapp/messages/read</c>: mark a customer's message read (blue ticks), optionally showing
/// "typing…" to the customer for up to 25 seconds.
/// </summary>
public sealed record WhatsAppMarkReadRequest(string MessageId, bool TypingIndicator = false, string? PhoneNumberId = null);

/// <summary>Answer of <c>POST /whatsapp/messages/read</c>.</summary>
public sealed record WhatsAppMarkReadResult(bool Success);
