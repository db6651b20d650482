using System.Diagnostics;
using System.Net.Http.Headers;
using WhatsAppGenesys.GenesysSandbox.Http;
using WhatsAppGenesys.GenesysSandbox.Model;

namespace WhatsAppGenesys.GenesysSandbox.Webhooks;

/// <summary>Result of one POST to an integration's webhook URL.</summary>
public sealed record WebhookAttemptResult(
    int? HttpStatus,
    string? Error,
    bool TimedOut,
    bool Retryable,
    double DurationMs,
    string? Signature,
    string? ResponseBody)
{
    public bool Succeeded => HttpStatus is >= 200 and < 300;
}

/// <summary>
/// One signed webhook POST. Retrying is the dispatcher's job (see <see cref="SimulatorHttpClient"/>).
/// </summary>
public sealed class WebhookSender(SimulatorHttpClient http)
{
    private const int MaxResponseChars = 4096;

    /// <param name="signatureOverride">null = sign with the integration's secret; "" = send no signature header.</param>
    public async Task<WebhookAttemptResult> PostAsync(Integration integration, byte[] body, string? signatureOverride,
        TimeSpan timeout, bool captureResponse, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(integration.WebhookUrl))
        {
            return new WebhookAttemptResult(null, "no webhook URL configured", false, false, 0, null, null);
        }

        var signature = signatureOverride ??
            (string.IsNullOrEmpty(integration.WebhookSecret) ? null : WebhookSigner.Sign(body, integration.WebhookSecret));
        using var request = new HttpRequestMessage(HttpMethod.Post, integration.WebhookUrl)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(signature))
        {
            request.Headers.TryAddWithoutValidation(WebhookSigner.HeaderName, signature);
        }
        foreach (var (name, value) in integration.WebhookHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.Client.SendAsync(request, timeoutSource.Token);
            var status = (int)response.StatusCode;
            string? responseBody = null;
            if (captureResponse)
            {
                responseBody = await response.Content.ReadAsStringAsync(timeoutSource.Token);
                if (responseBody.Length > MaxResponseChars)
                {
                    responseBody = responseBody[..MaxResponseChars];
                }
            }
            return new WebhookAttemptResult(status, null, false, status is 429 or >= 500,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, signature, responseBody);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, $"timed out after {timeout.TotalMilliseconds:0} ms", true, true,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, signature, null);
        }
        catch (HttpRequestException exception)
        {
            // A connection failure is treated like a timeout: the receiver never answered.
            return new WebhookAttemptResult(null, exception.HttpRequestError.ToString(), false, true,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, signature, null);
        }
    }
}
