using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WhatsAppGenesys.Clients.Tenancy;
using WhatsAppGenesys.Clients.Tokens;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the tenancy clients. Call <c>builder.AddRedisConnection("redis")</c> too for instant invalidation.</summary>
public static class TenancyClientExtensions
{
    /// <summary>Adds <see cref="ITenantDirectory"/>: tenant resolution with an in-process cache kept fresh over Redis pub/sub.</summary>
    public static IHostApplicationBuilder AddTenantDirectory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenantDirectoryOptions>().BindConfiguration(TenantDirectoryOptions.SectionName);
        builder.Services.AddHttpClient(TenantDirectory.HttpClientName);
        builder.Services.TryAddSingleton<TenantDirectory>();
        builder.Services.TryAddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<TenantDirectory>());
        AddObserver<TenantDirectory>(builder.Services);
        return builder;
    }

    /// <summary>Adds <see cref="GenesysTokenProvider"/>; pair it with <see cref="AddGenesysBearerToken"/> on the Genesys HttpClient.</summary>
    public static IHostApplicationBuilder AddGenesysTokenProvider(this IHostApplicationBuilder builder)
    {
        AddTokenInfrastructure(builder);
        builder.Services.TryAddSingleton<GenesysTokenProvider>();
        AddObserver<GenesysTokenProvider>(builder.Services);
        return builder;
    }

    /// <summary>Adds <see cref="WhatsAppTokenProvider"/>; pair it with <see cref="AddWhatsAppBearerToken"/> on the Graph API HttpClient.</summary>
    public static IHostApplicationBuilder AddWhatsAppTokenProvider(this IHostApplicationBuilder builder)
    {
        AddTokenInfrastructure(builder);
        builder.Services.TryAddSingleton<WhatsAppTokenProvider>();
        AddObserver<WhatsAppTokenProvider>(builder.Services);
        return builder;
    }

    /// <summary>Adds <see cref="RcsTokenProvider"/>; pair it with <see cref="AddRcsBearerToken"/> on the RCS provider's HttpClient.</summary>
    public static IHostApplicationBuilder AddRcsTokenProvider(this IHostApplicationBuilder builder)
    {
        AddTokenInfrastructure(builder);
        builder.Services.TryAddSingleton<RcsTokenProvider>();
        AddObserver<RcsTokenProvider>(builder.Services);
        return builder;
    }

    /// <summary>Bearer token from <see cref="RcsTokenProvider"/>; on 401/403 regenerate and retry once.</summary>
    public static IHttpClientBuilder AddRcsBearerToken(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler(sp => new BearerTokenHandler(
            sp.GetRequiredService<RcsTokenProvider>(), sp.GetRequiredService<ILogger<BearerTokenHandler>>()));

    /// <summary>Bearer token from <see cref="GenesysTokenProvider"/>; on 401 regenerate and retry once.</summary>
    public static IHttpClientBuilder AddGenesysBearerToken(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler(sp => new BearerTokenHandler(
            sp.GetRequiredService<GenesysTokenProvider>(), sp.GetRequiredService<ILogger<BearerTokenHandler>>()));

    /// <summary>Bearer token from <see cref="WhatsAppTokenProvider"/>; on 401/403 regenerate and retry once.</summary>
    public static IHttpClientBuilder AddWhatsAppBearerToken(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler(sp => new BearerTokenHandler(
            sp.GetRequiredService<WhatsAppTokenProvider>(), sp.GetRequiredService<ILogger<BearerTokenHandler>>()));

    private static void AddTokenInfrastructure(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenProviderOptions>().BindConfiguration(TokenProviderOptions.SectionName);
        builder.Services.AddHttpClient(AccessTokenProvider.HttpClientName);
    }

    private static void AddObserver<T>(IServiceCollection services) where T : class, ITenantInvalidationObserver
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITenantInvalidationObserver, ObserverAdapter<T>>());
        services.AddHostedService<TenantInvalidationListener>();
    }

    // Lets TryAddEnumerable tell observers apart by type while they stay the same singletons callers resolve.
    private sealed class ObserverAdapter<T>(T inner) : ITenantInvalidationObserver where T : ITenantInvalidationObserver
    {
        public void OnTenantInvalidated(WhatsAppGenesys.Contracts.Tenancy.TenantInvalidation invalidation) => inner.OnTenantInvalidated(invalidation);

        public void OnInvalidationFeedInterrupted() => inner.OnInvalidationFeedInterrupted();
    }
}
