using WhatsAppGenesys.Clients.Signals;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.RateLimiting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.GenesysApi.Conversations;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

namespace WhatsAppGenesys.GenesysApi;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddTenantDirectory();
        builder.AddGenesysTokenProvider();
        builder.Services.AddOptions<GenesysOptions>().BindConfiguration(GenesysOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<GenesysTenantGate>();
        builder.Services.AddSingleton<OperationalSignalCounters>();

        // Open Messaging: inbound messages, receipts and events, each sent at most once per idempotency key.
        builder.Services.AddSingleton(new SendOnce<GenesysCallResult>(TimeSpan.FromMinutes(30), result => result.Result is not null));
        builder.Services.AddSingleton<OpenMessagingDelivery>();
        builder.Services.AddHttpClient<OpenMessagingClient>(OpenMessagingClient.HttpClientName).ToGenesys(builder.Configuration);

        // Conversation controls (Conversations API).
        builder.Services.AddSingleton<ConversationControl>();
        builder.Services.AddHttpClient<GenesysConversationsClient>(GenesysConversationsClient.HttpClientName).ToGenesys(builder.Configuration);

        builder.Services.AddOpenApi();
    }

    // Our own retry policy lives in the pipelines (a retried send must go through SendOnce), so no HTTP retries here.
    private static void ToGenesys(this IHttpClientBuilder client, IConfiguration configuration) =>
        client.WithoutHttpRetries(configuration.GetValue("Genesys:RequestTimeout", TimeSpan.FromSeconds(10))).AddGenesysBearerToken();
}
