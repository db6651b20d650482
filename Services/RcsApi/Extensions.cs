using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Contracts;
using WhatsAppGenesys.RcsApi.Data;
using WhatsAppGenesys.RcsApi.Provider;
using WhatsAppGenesys.RcsApi.Send;

namespace WhatsAppGenesys.RcsApi;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDatabase<RcsDbContext>(ResourceNames.RcsDatabase, options => options.UseSnakeCaseNamingConvention());
        builder.AddRedisConnection(ResourceNames.Redis);
        builder.AddTenantDirectory();
        builder.AddRcsTokenProvider();

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
}
