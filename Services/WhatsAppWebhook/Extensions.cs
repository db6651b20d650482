using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.WhatsAppWebhook.Receiving;
using WhatsAppGenesys.WhatsAppWebhook.Verification;

namespace WhatsAppGenesys.WhatsAppWebhook;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.WebhooksInbound);
        builder.AddPipelinePublisher(Pipelines.Inbound);
        builder.AddPipelinePublisher(Pipelines.TemplateStatus);
        builder.AddWebhookSecrets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookArchive>();
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<WebhookActivity>();
        builder.Services.AddSingleton<OperationalSignalCounters>();
        builder.Services.AddSingleton<MetaWebhookReceiver>();
        builder.Services.AddSingleton<WabaTenants>();
        builder.Services.AddSingleton<TemplateStatusReceiver>();
        builder.Services.AddProblemDetails();
    }

    /// <summary><c>/webhook/whatsapp</c> and <c>/webhook/meta</c>: either can be the Meta app's callback URL.</summary>
    public static void MapWhatsAppWebhook(this WebApplication app)
    {
        foreach (var path in new[] { "/webhook/whatsapp", "/webhook/meta" })
        {
            app.MapGet(path, (HttpRequest request, IConfiguration configuration) => SubscriptionHandshake.Verify(request, configuration));
            app.MapPost(path, (HttpContext http, MetaWebhookReceiver receiver) => receiver.ReceiveAsync(http));
        }
        // Operator routes (the gateway admits only the operator key): queue archived webhooks again, one or a range.
        app.MapArchiveReplay<MetaWebhookReceiver>(ProviderKeys.WhatsApp, Buckets.WebhooksInbound, SharedBucketKeys.IsWhatsApp);
        app.MapWebhookActivity(ProviderKeys.WhatsApp);
    }
}
