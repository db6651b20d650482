using System.Net.Http.Headers;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// The simulator's own HTTP client towards receivers. Deliberately not an IHttpClientFactory client: ServiceDefaults
// adds a resilience handler to those, and its hidden retries would break our retry counting and per-customer order.
public sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxConnectionsPerServer = 256,
        // Meta sends no W3C trace headers; receivers must not come to depend on a traceparent from the simulator.
        ActivityHeadersPropagator = null,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "facebookexternalua" } },
    };

    public HttpClient Client => _http;

    public async Task<ReceiverResponse> PostAsync(
        string url, byte[] body, string? signature256, string? signature1, bool readBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        if (signature256 is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Sha256Header, signature256);
        }
        if (signature1 is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Sha1Header, signature1);
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var text = readBody ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        return new ReceiverResponse((int)response.StatusCode, text);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record ReceiverResponse(int Status, string? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
