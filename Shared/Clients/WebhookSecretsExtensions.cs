using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WhatsAppGenesys.Clients.Tenancy;

namespace Microsoft.Extensions.Hosting;

public static class WebhookSecretsExtensions
{
    /// <summary>Adds <see cref="WebhookSecrets"/> (with the tenant directory it shares its invalidation feed with).</summary>
    public static IHostApplicationBuilder AddWebhookSecrets(this IHostApplicationBuilder builder)
    {
        builder.AddTenantDirectory();
        builder.Services.TryAddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<ITenantInvalidationObserver>(sp => sp.GetRequiredService<WebhookSecrets>());
        return builder;
    }
}
