namespace WhatsAppGenesys.GenesysSandbox.Http;

/// <summary>
/// The HTTP client the simulator uses as "Genesys" (attachment fetches, webhook POSTs). Deliberately not from
/// IHttpClientFactory: the service defaults put a retrying resilience handler on every factory client, and hidden
/// retries would change exactly what this simulator must reproduce (one GET per attachment, one POST per webhook
/// attempt, Genesys's own timeouts). Callers pass a cancellation token per request for the timeout.
/// </summary>
public sealed class SimulatorHttpClient : IDisposable
{
    public SimulatorHttpClient()
    {
        Client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
