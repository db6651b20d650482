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
}
