using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.PortalService.Data;
using WhatsAppGenesys.PortalService.History;
using WhatsAppGenesys.PortalService.Settings;

namespace WhatsAppGenesys.PortalService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<PortalDbContext>(ResourceNames.PortalDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<PortalSettingsStore>();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.AddConversationHistory();
    }

    /// <summary>The history: its consumer, its API's reader and erasure, media links and the retention job.</summary>
    private static void AddConversationHistory(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        // Reads and deletes objects the transformers and webhooks wrote; it creates no bucket of its own.
        builder.AddMinioClient(ResourceNames.ObjectStorage);

        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName);
        builder.Services.AddScoped<MessageRecorder>();
        builder.Services.AddScoped<StatusRecorder>();
        builder.Services.AddScoped<HistoryReader>();
        builder.Services.AddScoped<CustomerErasure>();
        builder.Services.AddScoped<HistoryRetention>();
        builder.Services.AddSingleton<HistoryObjects>();
        builder.Services.AddSingleton<MediaLinks>();
        builder.Services.AddHostedService<HistoryRetentionService>();

        builder.AddPipelineConsumer<HistoryEventHandler>(Pipelines.History);
    }
}
