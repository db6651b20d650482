namespace WhatsAppGenesys.SandboxKit.Webhooks;

/// <summary>
/// A simulator's own HTTP client towards webhook receivers. Deliberately not from IHttpClientFactory: ServiceDefaults
/// puts a retrying resilience handler on those, and hidden retries would break the simulator's attempt counting and
/// per-customer order. The providers send no W3C trace headers, so neither does the simulator: receivers must not come
/// to depend on a traceparent. Timeouts are per attempt, set by the caller.
/// </summary>
public static class WebhookHttpClient
{
    public static HttpClient Create(string userAgent)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = 256,
            ActivityHeadersPropagator = null,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // Some providers' user agents are not valid product token lists, hence without validation.
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return client;
    }
}
