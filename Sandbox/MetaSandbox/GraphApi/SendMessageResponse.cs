using System.Text.Json.Serialization;

namespace WhatsAppGenesys.MetaSandbox.GraphApi;

// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid…","message_status"?}]}
public sealed record SendMessageResponse(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("contacts")] IReadOnlyList<SendMessageContact> Contacts,
    [property: JsonPropertyName("messages")] IReadOnlyList<SendMessageId> Messages);

// wa_id when sent to a phone number, user_id when sent to a BSUID.
public sealed record SendMessageContact(
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("wa_id")] string? WaId,
    [property: JsonPropertyName("user_id")] string? UserId);

public sealed record SendMessageId(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message_status")] string? MessageStatus = null);

public sealed record SuccessResponse([property: JsonPropertyName("success")] bool Success);
