using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.RateLimiting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

namespace WhatsAppGenesys.GenesysApi;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddTenantDirectory();
        builder.AddGenesysTokenProvider();
        builder.Services.AddOptions<GenesysOptions>().BindConfiguration(GenesysOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton(new SendOnce<GenesysCallResult>(TimeSpan.FromMinutes(30), result => result.Result is not null));
        builder.Services.AddSingleton<OpenMessagingDelivery>();

        builder.Services.AddHttpClient<OpenMessagingClient>(OpenMessagingClient.HttpClientName)
            .WithoutHttpRetries(builder.Configuration.GetValue("Genesys:RequestTimeout", TimeSpan.FromSeconds(10)))
            .AddGenesysBearerToken();
        builder.Services.AddOpenApi();
    }
}
