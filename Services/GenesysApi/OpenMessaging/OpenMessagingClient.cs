using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;

namespace WhatsAppGenesys.GenesysApi.OpenMessaging;

/// <summary>
/// Posts Open Messaging bodies to a tenant's Genesys Cloud organisation. The bearer token and the single retry after a
/// 401 come from the shared token handler; everything Genesys answers is normalised into a <see cref="ProviderError"/>.
/// </summary>
public sealed class OpenMessagingClient(HttpClient http, IOptions<GenesysOptions> options, ILogger<OpenMessagingClient> logger)
{
    public const string HttpClientName = "genesys";

    public async Task<GenesysCallResult> PostAsync(string tenantId, GenesysSettings settings, string endpoint, JsonElement body, CancellationToken ct)
    {
        var baseUri = options.Value.BaseUrlOverride ?? GenesysRegions.ApiBaseUri(settings.RegionDomain);
        var query = endpoint == "message" ? "?prefetchConversationId=true" : "";
        var uri = new Uri(baseUri, $"/api/v2/conversations/messages/{Uri.EscapeDataString(settings.IntegrationId)}/inbound/open/{endpoint}{query}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body.GetRawText(), System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        }.ForTenant(tenantId);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return GenesysCallResult.Failed(new ProviderError(ProviderNames.Genesys, 503, "unreachable", $"Genesys did not answer: {ex.GetType().Name}", Retryable: true));
        }

        using (response)
        {
            var correlationId = response.Headers.TryGetValues("Genesys-Correlation-Id", out var values) ? values.FirstOrDefault()
                : response.Headers.TryGetValues("inin-correlation-id", out var legacy) ? legacy.FirstOrDefault() : null;
            var payload = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return GenesysCallResult.Succeeded(ParseSuccess(payload));
            }

            var error = ParseError(response, payload, correlationId);
            logger.LogWarning("Genesys answered {Status} {Code} for tenant {TenantId} (correlation {CorrelationId})",
                error.HttpStatus, error.Code, tenantId, correlationId);
            return GenesysCallResult.Failed(error);
        }
    }

    private static GenesysDeliveryResult ParseSuccess(string payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return new GenesysDeliveryResult(null, null);
        }
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        return new GenesysDeliveryResult(
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            root.TryGetProperty("conversationId", out var conversation) ? conversation.GetString() : null);
    }

    // Genesys errors are ErrorBody {message, code, status, …}; 429 carries Retry-After (seconds).
    private static ProviderError ParseError(HttpResponseMessage response, string payload, string? correlationId)
    {
        var status = (int)response.StatusCode;
        string code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = response.ReasonPhrase ?? "Genesys error";
        var attachmentUnreachable = false;
        try
        {
            using var json = JsonDocument.Parse(payload);
            if (json.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString()!;
            }
            if (json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString()!;
            }
            attachmentUnreachable = status == 400 && IsAttachmentDownloadFailure(json.RootElement, message);
        }
        catch (JsonException)
        {
            // Not an ErrorBody (a proxy's HTML page, say): keep the status line.
        }
        var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds
            ?? (response.Headers.RetryAfter?.Date is { } date ? Math.Max(0, (date - DateTimeOffset.UtcNow).TotalSeconds) : null);
        // Genesys fetches attachments from our bucket while the request waits, and answers 400 when it cannot: that is
        // our storage being unreachable for a moment (or a link gone stale), not a bad message, so it is worth another
        // attempt — which stores the file and signs a fresh link again.
        var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Unauthorized
            || status >= 500 || attachmentUnreachable;
        return new ProviderError(ProviderNames.Genesys, status, code, message, retryable, retryAfter, CorrelationId: correlationId);
    }

    /// <summary>
    /// Genesys documents no error code for an attachment it could not download; it answers <c>bad.request</c> with
    /// "Unable to download attachment [url]: reason" (the simulator adds <c>details[].errorCode</c>
    /// <c>attachment.download.failed</c>). Either marks the failure as the attachment host's, not the message's.
    /// </summary>
    private static bool IsAttachmentDownloadFailure(JsonElement error, string message)
    {
        if (message.StartsWith("Unable to download attachment", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
            && details.EnumerateArray().Any(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("errorCode", out var e)
                && e.ValueKind == JsonValueKind.String && e.GetString() == "attachment.download.failed");
    }
}

public sealed record GenesysCallResult(GenesysDeliveryResult? Result, ProviderError? Error)
{
    public static GenesysCallResult Succeeded(GenesysDeliveryResult result) => new(result, null);

    public static GenesysCallResult Failed(ProviderError error) => new(null, error);
}
