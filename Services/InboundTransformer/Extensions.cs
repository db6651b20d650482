using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.InboundTransformer.Delivery;
using WhatsAppGenesys.InboundTransformer.Media;

namespace WhatsAppGenesys.InboundTransformer;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.MediaInbound);
        builder.AddTenantDirectory();
        builder.AddWhatsAppTokenProvider();
        builder.AddStateManagerClient();
        builder.AddGenesysApiClient();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InboundMetrics>();
        builder.Services.AddSingleton<ReceiptMetrics>();
        builder.Services.AddScoped<StatusReceipts>();
        builder.Services.AddScoped<ProviderStatusRecorder>();
        builder.Services.AddScoped<CustomerMessageDelivery>();
        builder.Services.AddScoped<RcsTyping>();
        builder.Services.AddSingleton<InboundMediaBucket>();
        // Replies to a campaign carry its id to Genesys (portal-service writes the tag when it sends).
        builder.Services.AddSingleton<CampaignReplyTags>();
        builder.Services.AddOptions<ReceiptOptions>().BindConfiguration(ReceiptOptions.SectionName);
        builder.Services.AddOptions<MetaGraphOptions>().BindConfiguration(MetaGraphOptions.SectionName);
        builder.Services.AddOptions<InboundMediaOptions>().BindConfiguration(InboundMediaOptions.SectionName);
        builder.Services.AddHttpClient<InboundMediaStore>(InboundMediaStore.HttpClientName)
            .WithoutHttpRetries(TimeSpan.FromSeconds(30))
            .AddWhatsAppBearerToken();
        // RBM's file URLs need no token; no automatic retries: a failed download is retried by the pipeline, in order.
        builder.Services.AddHttpClient<RcsFileStore>(RcsFileStore.HttpClientName)
            .WithoutHttpRetries(TimeSpan.FromSeconds(30));

        // A failing event holds its archived webhook against storage expiry until it succeeds (docs/decisions.md, "Storage lifecycle").
        builder.AddArchivedEventConsumer<InboundEventHandler, WhatsAppEventReceived>(Pipelines.Inbound, Buckets.WebhooksInbound, e => e.ArchiveKey);
        // RCS user messages and events, archived with the WhatsApp webhooks by rcs-api: the same consumer, a second handler.
        builder.AddArchivedEventConsumer<RcsEventHandler, RcsEventReceived>(Pipelines.InboundRcs, Buckets.WebhooksInbound, e => e.ArchiveKey);
        // Every delivered message and recorded status, for the portal's conversation history.
        builder.AddConversationHistoryPublisher();
    }
}
