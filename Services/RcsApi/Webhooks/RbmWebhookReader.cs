using System.Globalization;
using System.Text.Json;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.Contracts.State;

namespace WhatsAppGenesys.RcsApi.Webhooks;

/// <summary>One RBM user message or user event, read out of the webhook body it came in.</summary>
/// <param name="SignedBytes">The bytes <c>X-Goog-Signature</c> signs: the decoded <c>message.data</c> of a Pub/Sub push, or the body of a plain one.</param>
/// <param name="AgentId">The bare agent id (RBM writes <c>{agentId}@rbm.goog</c>).</param>
/// <param name="Id">The message's <c>messageId</c>, or the event's <c>eventId</c>: what RBM repeats when it redelivers.</param>
/// <param name="SendTime">The event's <c>sendTime</c> in Unix milliseconds, when it has a readable one.</param>
public sealed record RbmWebhook(byte[] SignedBytes, JsonElement Event, string AgentId, string Msisdn, string Kind, string Id, long? SendTime)
{
    public string CustomerId => CustomerAddress.Rcs(Msisdn).CustomerId;
}

/// <summary>
/// Reads an RBM webhook without binding it to models: a Pub/Sub push envelope (<c>{"message":{"data":base64}}</c>,
/// how RBM delivers) or the bare event (how some aggregators forward it). Only what routing needs is checked here —
/// agent, sender, kind and id; the content is the inbound transformer's to read.
/// </summary>
public static class RbmWebhookReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The webhook, or why the body is not one (a 400).</summary>
    /// <exception cref="JsonException">The body, or the event inside the envelope, is not JSON.</exception>
    public static (RbmWebhook? Webhook, string? Problem) Read(byte[] body)
    {
        byte[] signed;
        using (var envelope = JsonDocument.Parse(body, Options))
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body is not a JSON object");
            }
            if (root.TryGetProperty("message", out var message))
            {
                if (String(message, "data") is not { } data)
                {
                    return (null, "The Pub/Sub message has no data");
                }
                try
                {
                    signed = Convert.FromBase64String(data);
                }
                catch (FormatException)
                {
                    return (null, "The Pub/Sub message data is not Base64");
                }
            }
            else
            {
                signed = body;
            }
        }

        using var document = JsonDocument.Parse(signed, Options);
        var userEvent = document.RootElement;
        if (userEvent.ValueKind != JsonValueKind.Object)
        {
            return (null, "The user event is not a JSON object");
        }
        if (String(userEvent, "agentId") is not { Length: > 0 } agent)
        {
            return (null, "The user event names no agentId");
        }
        if (String(userEvent, "senderPhoneNumber") is not { } msisdn || !IsE164(msisdn))
        {
            return (null, "The user event has no senderPhoneNumber in E.164");
        }
        var isEvent = userEvent.TryGetProperty("eventType", out _);
        var id = isEvent ? String(userEvent, "eventId") : String(userEvent, "messageId");
        if (id is not { Length: > 0 })
        {
            return (null, isEvent ? "The user event has no eventId" : "The user message has no messageId");
        }
        if (isEvent && String(userEvent, "eventType") is not { Length: > 0 })
        {
            return (null, "The user event's eventType is not a string");
        }
        var at = agent.IndexOf('@', StringComparison.Ordinal);
        return (new RbmWebhook(signed, userEvent.Clone(), at > 0 ? agent[..at] : agent, msisdn,
            isEvent ? RcsEventReceived.EventKind : RcsEventReceived.MessageKind, id, SendTime(userEvent)), null);
    }

    // RBM's numbers are E.164 with the plus: a plus and 8 to 15 digits.
    private static bool IsE164(string value) =>
        value.Length is >= 9 and <= 16 && value[0] == '+' && value[1] != '0' && value.AsSpan(1).ContainsAnyExceptInRange('0', '9') == false;

    private static long? SendTime(JsonElement userEvent) =>
        String(userEvent, "sendTime") is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
