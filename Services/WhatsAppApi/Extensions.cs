using WhatsAppGenesys.Clients.Signals;
using Microsoft.EntityFrameworkCore;
using WhatsAppGenesys.Clients.Idempotency;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.RateLimiting;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.WhatsAppApi.Data;
using WhatsAppGenesys.WhatsAppApi.DirectSend;
using WhatsAppGenesys.WhatsAppApi.Graph;
using WhatsAppGenesys.WhatsAppApi.Onboarding;
using WhatsAppGenesys.WhatsAppApi.Sending;

namespace WhatsAppGenesys.WhatsAppApi;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<WhatsAppDbContext>(ResourceNames.WhatsAppDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddTenantDirectory();
        builder.AddWhatsAppTokenProvider();
        builder.AddStateManagerClient();

        builder.Services.AddOptions<MetaGraphOptions>().BindConfiguration(MetaGraphOptions.SectionName);
        builder.Services.AddOptions<WhatsAppApiOptions>().BindConfiguration(WhatsAppApiOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<PhoneNumberThroughput>();
        builder.Services.AddSingleton<SentMessageRecords>();
        builder.Services.AddSingleton<OperationalSignalCounters>();
        builder.Services.AddSingleton(new SendOnce<SendOutcome>(TimeSpan.FromMinutes(30), outcome => outcome.Result is not null));
        builder.Services.AddScoped<MessageSender>();
        builder.Services.AddScoped<DirectSendService>();

        builder.Services.AddHttpClient<GraphMessagesClient>(GraphMessagesClient.HttpClientName)
            .WithoutHttpRetries(builder.Configuration.GetValue($"{WhatsAppApiOptions.SectionName}:RequestTimeout", TimeSpan.FromSeconds(10)))
            .AddWhatsAppBearerToken();
        // Embedded Signup's Graph calls: the business's fresh token or the app token, never the tenant token handler.
        builder.Services.AddOptions<MetaAppOptions>().BindConfiguration(MetaAppOptions.SectionName);
        builder.Services.AddHttpClient<EmbeddedSignupCompletion>(EmbeddedSignupCompletion.HttpClientName)
            .WithoutHttpRetries(TimeSpan.FromSeconds(15));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }
}
