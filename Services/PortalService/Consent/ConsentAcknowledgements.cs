using System.Text.Json;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.PortalService.Consent;

/// <summary>
/// Sends the customer the tenant's reply to an opt-out or opt-in keyword, from the number they wrote to (the tenant's
/// first number when that is not known). The customer just wrote, so a free-form text is allowed. The idempotency key
/// is the customer's message id, so the WhatsApp API service sends it at most once even if we are interrupted between
/// sending and recording that we did.
/// </summary>
public sealed class ConsentAcknowledgements(WhatsAppApiClient whatsapp)
{
    public async Task<ProviderCall<WhatsAppSendResult>> SendAsync(
        string tenantId, string? waId, string? bsuid, string phoneNumberId, string triggeringMessageId, string text, CancellationToken ct)
    {
        var body = new MetaSendMessageRequest
        {
            To = waId,
            Recipient = waId is null ? bsuid : null,
            Type = MetaSendTypes.Text,
            Text = new MetaSendText { Body = text },
        };
        return await whatsapp.SendAsync(tenantId,
            new WhatsAppSendRequest($"portal-consent:{triggeringMessageId}", JsonSerializer.SerializeToElement(body, MetaJson.Options),
                string.IsNullOrEmpty(phoneNumberId) ? null : phoneNumberId), ct);
    }
}
