using Microsoft.Extensions.DependencyInjection;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.State;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registration of the typed clients for our own internal services (addressed through service discovery).</summary>
public static class ServiceClientExtensions
{
    public static IHostApplicationBuilder AddStateManagerClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<StateManagerClient>(http => http.BaseAddress = StateManagerClient.DefaultBaseAddress);
        return builder;
    }

    /// <summary>
    /// The Genesys API service keeps a call to Genesys going and remembers its answer even if we time out, so the
    /// client may retry on transient errors: the same idempotency key never reaches Genesys twice.
    /// </summary>
    public static IHostApplicationBuilder AddGenesysApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<GenesysApiClient>(http => http.BaseAddress = GenesysApiClient.DefaultBaseAddress);
        return builder;
    }

    /// <summary>
    /// No HTTP retries here: the WhatsApp API service answers 503 for a retryable Meta error (a 130429 throttle, say),
    /// and retrying that at once would only hit the throttle again; the caller's pipeline backs off through its delay
    /// queue instead. The timeout covers the service's own wait for its throughput limiter and Meta's answer.
    /// </summary>
    public static IHostApplicationBuilder AddWhatsAppApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<WhatsAppApiClient>(http => http.BaseAddress = WhatsAppApiClient.DefaultBaseAddress)
            .WithoutHttpRetries(TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>
    /// Like the WhatsApp API client, no HTTP retries: rcs-api answers 503 for a provider throttle or outage, and the
    /// caller's pipeline backs off through its delay queue. A repeated call is harmless anyway (the idempotency key).
    /// </summary>
    public static IHostApplicationBuilder AddRcsApiClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<RcsApiClient>(http => http.BaseAddress = RcsApiClient.DefaultBaseAddress)
            .WithoutHttpRetries(TimeSpan.FromSeconds(30));
        return builder;
    }
}
