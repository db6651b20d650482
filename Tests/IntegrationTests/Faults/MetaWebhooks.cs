using WhatsAppGenesys.Contracts.Security;

namespace WhatsAppGenesys.IntegrationTests.Faults;

/// <summary>
/// Meta webhooks written and signed by the tests themselves and posted straight to the whatsapp-webhook service, for
/// what the Meta sandbox would not send: broken bodies, forged signatures, one customer's webhooks all at once.
/// </summary>
public static class MetaWebhooks
{
    /// <summary>The sandbox demo tenant's public, fake app secret and number (the simulators' defaults).</summary>
    public const string DemoAppSecret = "sandbox-meta-app-secret";
    public const string DemoPhoneNumberId = "106540352242922";

    /// <summary>Posts the bytes as they are, signed with <paramref name="appSecret"/>, as Meta does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient webhook, byte[] body, string appSecret, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.Add(WebhookSignatures.HeaderName, WebhookSignatures.SignMeta(body, appSecret));
        return await webhook.PostAsync("/webhook/whatsapp", content, ct);
    }

    /// <summary>A webhook of one entry holding the given <c>changes[]</c> items.</summary>
    public static string Webhook(IEnumerable<string> changes) =>
        $$$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{{{string.Join(",", changes)}}}]}]}""";

    /// <summary>A text-message webhook; <paramref name="text"/> goes in as raw JSON string content (escapes allowed).</summary>
    public static string TextWebhook(string customer, string phoneNumberId, string wamid, string text, long? timestamp = null) =>
        Webhook([Change(phoneNumberId, customer, wamid, text, timestamp)]);

    /// <summary>One customer's text message; Meta's timestamp is now unless given.</summary>
    public static string Change(string phoneNumberId, string customer, string wamid, string text, long? timestamp = null) =>
        $$$"""{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{phoneNumberId}}}"},"contacts":[{"profile":{"name":"Test"},"wa_id":"{{{customer}}}"}],"messages":[{"from":"{{{customer}}}","id":"{{{wamid}}}","timestamp":"{{{timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}","type":"text","text":{"body":"{{{text}}}"}}]}}""";
}
