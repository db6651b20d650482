using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts.Operations;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.GenesysWebhook.Receiving;

namespace WhatsAppGenesys.GenesysWebhook;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.WebhooksGenesys);
        builder.AddPipelinePublisher(Pipelines.Outbound);
        builder.AddWebhookSecrets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebhookArchive>();
        builder.Services.AddSingleton<GenesysWebhookReceiver>();
        builder.Services.AddSingleton<WebhookActivity>();
        builder.Services.AddSingleton<OperationalSignalCounters>();
        builder.Services.AddProblemDetails();
    }

    /// <summary><c>/webhook/genesys</c> and <c>/webhook/genesys/outbound</c>: either can be the webhook URL.</summary>
    public static void MapGenesysWebhook(this WebApplication app)
    {
        foreach (var path in new[] { "/webhook/genesys", "/webhook/genesys/outbound" })
        {
            app.MapPost(path, (HttpContext http, GenesysWebhookReceiver receiver) => receiver.ReceiveAsync(http));
        }
        // Operator routes (the gateway admits only the operator key): queue archived webhooks again, one or a range.
        app.MapArchiveReplay<GenesysWebhookReceiver>(ProviderKeys.Genesys, Buckets.WebhooksGenesys);
        app.MapWebhookActivity(ProviderKeys.Genesys);
    }
}
