using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class ProviderHttpClientExtensions
{
    /// <summary>
    /// For HttpClients that call Meta or Genesys: removes the default resilience handler (whose retries would repeat a
    /// POST that may already have been accepted, posting a customer's message twice) and keeps only a timeout.
    /// Retries toward providers belong to the message pipeline, which backs off through its delay queue in order.
    /// </summary>
    public static IHttpClientBuilder WithoutHttpRetries(this IHttpClientBuilder client, TimeSpan timeout)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented opt-out.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return client.ConfigureHttpClient(http => http.Timeout = timeout);
    }
}
