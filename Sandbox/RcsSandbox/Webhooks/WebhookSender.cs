using System.Net.Http.Headers;
using WhatsAppGenesys.SandboxKit.Webhooks;

namespace WhatsAppGenesys.RcsSandbox.Webhooks;

/// <summary>What one POST to a webhook got back.</summary>
public sealed record WebhookAttempt(int? Status, string? Error, string? ResponseBody)
{
    /// <summary>Pub/Sub push counts 102, 200, 201, 202 and 204 as an acknowledgement; anything else is retried.</summary>
    public bool Acknowledged => Status is 102 or (>= 200 and < 300);
}

/// <summary>Posts RBM's webhooks, signed, through the simulator's own client (WebhookHttpClient says why its own).</summary>
public sealed class WebhookSender : IDisposable
{
    private const int MaxResponseChars = 4096;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // Pub/Sub push's user agent.
    private readonly HttpClient _http = WebhookHttpClient.Create("APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)");

    public HttpClient Client => _http;

    /// <param name="signature">Null sends no X-Goog-Signature header.</param>
    public async Task<WebhookAttempt> PostAsync(string url, byte[] body, string? signature, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(GoogSignature.HeaderName, signature);
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var text = await response.Content.ReadAsStringAsync(timeoutSource.Token);
            return new WebhookAttempt((int)response.StatusCode, null, text.Length > MaxResponseChars ? text[..MaxResponseChars] : text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"timed out after {timeout.TotalMilliseconds:0} ms", null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(null, ex.Message, null);
        }
    }

    public void Dispose() => _http.Dispose();
}
