using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Archiving;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Webhooks;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.Contracts.Events;
using WhatsAppGenesys.RcsApi.Data;
using WhatsAppGenesys.RcsApi.Provider;
using WhatsAppGenesys.RcsApi.Send;
using WhatsAppGenesys.RcsApi.Webhooks;

namespace WhatsAppGenesys.RcsApi;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<RcsDbContext>(ResourceNames.RcsDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddTenantDirectory();
        builder.AddRcsTokenProvider();
        builder.AddRcsWebhook();

        builder.Services.AddOptions<RcsProviderOptions>().BindConfiguration(RcsProviderOptions.SectionName);
        builder.Services.AddOptions<RcsApiOptions>().BindConfiguration(RcsApiOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RcsIdempotency>();
        builder.Services.AddScoped<RcsSendService>();

        // No automatic retries: a send is not idempotent at the provider (a message id is used once). The one retry
        // there is comes from the bearer token handler, after a 401/403, with a fresh token.
        var timeout = builder.Configuration.GetValue($"{RcsProviderOptions.SectionName}:{nameof(RcsProviderOptions.RequestTimeout)}",
            new RcsProviderOptions().RequestTimeout);
        builder.Services.AddHttpClient<RbmClient>(RbmClient.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<RcsProviderOptions>>().Value.BaseUrl)
            .WithoutHttpRetries(timeout)
            .AddRcsBearerToken();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }

    /// <summary>
    /// What users do, from the provider: checked, archived with the WhatsApp webhooks (same bucket, same keys) and
    /// queued for the inbound transformer, with the same shared pieces as the WhatsApp receiver.
    /// </summary>
    private static void AddRcsWebhook(this IHostApplicationBuilder builder)
    {
        builder.AddRabbitMQConnection(ResourceNames.RabbitMQ);
        builder.AddMinioClient(ResourceNames.ObjectStorage, Buckets.WebhooksInbound);
        builder.AddPipelinePublisher(Pipelines.InboundRcs);
        builder.AddWebhookSecrets();
        builder.Services.AddSingleton<WebhookArchive>();
        builder.Services.AddSingleton<WebhookActivity>();
        builder.Services.AddSingleton<OperationalSignalCounters>();
        builder.Services.AddSingleton<RcsSendReceipts>();
        builder.Services.AddSingleton<RcsAgentOwners>();
        builder.Services.AddSingleton<RcsWebhookReceiver>();
        builder.Services.AddSingleton<RbmWebhookVerification>();
    }
}
