using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.RcsApi.Webhooks;

public static class RcsWebhookEndpoints
{
    /// <summary><c>/webhook/rcs</c>: the RBM agent's webhook URL (through the gateway), and the operator's replay and activity routes.</summary>
    public static void MapRcsWebhook(this WebApplication app)
    {
        app.MapPost("/webhook/rcs", (HttpContext http, RcsWebhookReceiver receiver) => receiver.ReceiveAsync(http)).WithTags("Webhooks");
        app.MapArchiveReplay<RcsWebhookReceiver>(ProviderKeys.Rcs, Buckets.WebhooksInbound, SharedBucketKeys.IsRcs);
        app.MapWebhookActivity(ProviderKeys.Rcs);
    }
}
