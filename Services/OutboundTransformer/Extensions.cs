using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.OutboundTransformer.Channels;
using WhatsAppGenesys.OutboundTransformer.Channels.Rcs;
using WhatsAppGenesys.OutboundTransformer.Channels.WhatsApp;
using WhatsAppGenesys.OutboundTransformer.Delivery;
using WhatsAppGenesys.OutboundTransformer.Media;

namespace WhatsAppGenesys.OutboundTransformer;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.MediaOutbound);
        builder.AddTenantDirectory();
        // Only for attachment downloads Genesys answers 401/403 to without one (its docs don't say if they need one).
        builder.AddGenesysTokenProvider();
        builder.AddStateManagerClient();
        builder.AddGenesysApiClient();
        builder.AddWhatsAppApiClient();
        builder.AddRcsApiClient();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboundMetrics>();
        builder.Services.AddSingleton<ReadMarkers>();
        builder.Services.AddScoped<FailureReceipts>();
        builder.Services.AddScoped<DeliveryOutcomes>();
        builder.Services.AddScoped<WhatsAppChannel>();
        builder.Services.AddScoped<RcsChannel>();
        builder.Services.AddScoped<OutboundChannels>();
        builder.Services.AddOptions<OutboundMediaOptions>().BindConfiguration(OutboundMediaOptions.SectionName);
        builder.Services.AddHttpClient<OutboundMediaStore>(OutboundMediaStore.HttpClientName)
            .WithoutHttpRetries(builder.Configuration.GetValue($"{OutboundMediaOptions.SectionName}:DownloadTimeout", TimeSpan.FromSeconds(60)));

        // A failing event holds its archived webhook against storage expiry until it succeeds (docs/decisions.md, "Storage lifecycle").
        builder.AddArchivedEventConsumer<OutboundEventHandler, GenesysEventReceived>(Pipelines.Outbound, Buckets.WebhooksGenesys, e => e.ArchiveKey);
        // Every agent message Meta accepted, for the portal's conversation history.
        builder.AddConversationHistoryPublisher();
    }
}
