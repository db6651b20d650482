using System.Net.Http.Headers;
using WhatsAppGenesys.SandboxKit.Webhooks;

namespace WhatsAppGenesys.MetaSandbox.Webhooks;

// Posts Meta's webhooks to receivers, signed, through the simulator's own client (WebhookHttpClient says why its own).
public sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http = WebhookHttpClient.Create("facebookexternalua");

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
