using WhatsAppGenesys.MetaSandbox.Model;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Builds the envelope parts shared by message and status webhooks.
public static class WebhookFactory
{
    public const string ObjectType = "whatsapp_business_account";
    public const string MessagesField = "messages";

    public static string LaneKey(string phoneNumberId, Customer customer) => $"{phoneNumberId}|{customer.Key}";

    public static WebhookMetadata Metadata(Business business, string phoneNumberId) =>
        new(business.DisplayPhoneDigits, phoneNumberId);

    // Username users hide their phone number: no wa_id, only the BSUID fields.
    public static WebhookContact Contact(Customer customer, bool includeUsername = true) =>
        new(new WebhookProfile(customer.ProfileName, includeUsername ? customer.Username : null),
            customer.HidesPhoneNumber ? null : customer.WaId, customer.UserId, customer.ParentUserId);

    public static WebhookValue MessagesValue(Business business, string phoneNumberId,
        IReadOnlyList<WebhookContact>? contacts, IReadOnlyList<WebhookMessage>? messages, IReadOnlyList<WebhookStatus>? statuses = null) =>
        new("whatsapp", Metadata(business, phoneNumberId), contacts is { Count: > 0 } ? contacts : null,
            messages is { Count: > 0 } ? messages : null, statuses is { Count: > 0 } ? statuses : null);

    public static WebhookEnvelope Envelope(Business business, params IReadOnlyList<WebhookValue> values) =>
        new(ObjectType, [new WebhookEntry(business.WabaId, [.. values.Select(v => new WebhookChange(v, MessagesField))])]);
}
