using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.AlertService.Api;
using WhatsAppGenesys.AlertService.Data;
using WhatsAppGenesys.AlertService.Evaluation;
using WhatsAppGenesys.AlertService.Notifications;
using WhatsAppGenesys.AlertService.Rules;
using WhatsAppGenesys.AlertService.Subscriptions;
using WhatsAppGenesys.Contracts;

namespace WhatsAppGenesys.AlertService;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<AlertDbContext>(ResourceNames.AlertDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);

        builder.Services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.SectionName);
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName);
        builder.Services.AddOptions<SubscriptionEncryptionOptions>().BindConfiguration(SubscriptionEncryptionOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);

        // The parking and work queues are read through the messaging library's admin operations, which need each
        // watched pipeline registered (and its topology declared, identically to its publishers and consumers).
        var watched = builder.Configuration.GetSection(AlertingOptions.SectionName).Get<AlertingOptions>()?.WatchedPipelines
            ?? new AlertingOptions().WatchedPipelines;
        foreach (var pipeline in watched)
        {
            builder.AddPipelinePublisher(pipeline);
        }

        builder.Services.AddSingleton<IAlertRule, ParkedMessagesRule>();
        builder.Services.AddSingleton<IAlertRule, QueueBacklogRule>();
        builder.Services.AddSingleton<IAlertRule, TokenFailingRule>();
        builder.Services.AddSingleton<IAlertRule, WebhookSignatureFailuresRule>();
        builder.Services.AddSingleton<IAlertRule, SendErrorRateRule>();
        builder.Services.AddSingleton<IAlertRule, ServiceHealthRule>();
        builder.Services.AddHttpClient(ServiceHealthRule.HttpClientName).WithoutHttpRetries(TimeSpan.FromSeconds(10));

        builder.Services.AddSingleton<SubscriptionSecrets>();
        builder.Services.AddSingleton<IAlertChannel, WebhookChannel>();
        builder.Services.AddSingleton<IAlertChannel, EmailChannel>();
        // The channel retries itself, a second and two apart; no resilience handler on top.
        builder.Services.AddHttpClient(WebhookChannel.HttpClientName).WithoutHttpRetries(TimeSpan.FromSeconds(10));
        builder.Services.AddHttpClient(WebhookChannel.TenantHttpClientName).ConfigurePrimaryHttpMessageHandler(PublicAddresses.Handler)
            .WithoutHttpRetries(TimeSpan.FromSeconds(10));

        builder.Services.AddScoped<AlertNotifier>();
        builder.Services.AddScoped<AlertEvaluator>();
        builder.Services.AddHostedService<AlertEvaluationService>();

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.MapOpenApi();
        app.MapAlertsApi();
        app.MapSubscriptionsApi();
        return app;
    }
}
