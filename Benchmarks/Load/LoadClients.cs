using System.Net;

namespace WhatsAppGenesys.Benchmarks.Load;

/// <summary>
/// HTTP clients for the load generator: one pooled SocketsHttpHandler per target with many keep-alive connections,
/// no proxy, cookies or decompression, so the generator spends its CPU on requests rather than on plumbing.
/// </summary>
public static class LoadClients
{
    public static HttpClient Create(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestVersion = HttpVersion.Version11,
    };
}
