using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Operations;

namespace WhatsAppGenesys.RcsApi.Webhooks;

public static class RcsWebhookEndpoints
{
    /// <summary>
    /// The webhook URLs (through the gateway): <c>/webhook/rcs/{agentId}</c>, an agent's own, which also answers RBM's
    /// verification; <c>/webhook/rcs</c>, a partner's shared one, which can receive but not verify. Then the
    /// operator's replay and activity routes.
    /// </summary>
    public static void MapRcsWebhook(this WebApplication app)
    {
        app.MapPost("/webhook/rcs", (HttpContext http, RcsWebhookReceiver receiver, RbmWebhookVerification verification) =>
            RbmWebhookVerification.MayBeVerification(http.Request) ? verification.AnswerAsync(http, agentId: null) : receiver.ReceiveAsync(http, agentOfUrl: null))
            .WithTags("Webhooks");
        app.MapPost("/webhook/rcs/{agentId}", (string agentId, HttpContext http, RcsWebhookReceiver receiver, RbmWebhookVerification verification) =>
            RbmWebhookVerification.MayBeVerification(http.Request) ? verification.AnswerAsync(http, agentId) : receiver.ReceiveAsync(http, agentId))
            .WithTags("Webhooks");
        app.MapArchiveReplay<RcsWebhookReceiver>(ProviderKeys.Rcs, Buckets.WebhooksInbound, SharedBucketKeys.IsRcs);
        app.MapWebhookActivity(ProviderKeys.Rcs);
    }
}
