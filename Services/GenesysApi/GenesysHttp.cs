using System.Net;
using System.Text.Json;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Providers;
using WhatsAppGenesys.Contracts.Tenancy;
using WhatsAppGenesys.GenesysApi.OpenMessaging;

namespace WhatsAppGenesys.GenesysApi;

/// <summary>
/// One call to a tenant's Genesys organisation, Open Messaging and Conversations API alike: the bearer token and the
/// single retry after a 401 come from the shared token handler on the HttpClient; a transport failure or any non-2xx
/// answer comes back as one <see cref="ProviderError"/>.
/// </summary>
internal static class GenesysHttp
{
    public static Uri BaseUri(GenesysOptions options, GenesysSettings settings) =>
        options.BaseUrlOverride ?? GenesysRegions.ApiBaseUri(settings.RegionDomain);

    /// <summary>
    /// How our API answers a Genesys error: 503 (with Retry-After when known) for what is worth retrying, 404 for what
    /// Genesys does not know in the tenant's organisation, 422 for the rest; the body is the <see cref="ProviderError"/>.
    /// </summary>
    public static IResult ToResult(ProviderError error)
    {
        if (error.Retryable)
        {
            return new RetryableErrorResult(error);
        }
        return Results.Json(error, statusCode: error.HttpStatus == 404 ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
    }

    /// <returns>The response body of a 2xx answer, or the error.</returns>
    public static async Task<(string? Payload, ProviderError? Error)> SendAsync(HttpClient http, HttpRequestMessage request,
        string tenantId, ILogger logger, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request.ForTenant(tenantId), ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, new ProviderError(ProviderNames.Genesys, 503, "unreachable", $"Genesys did not answer: {ex.GetType().Name}", Retryable: true));
        }

        using (response)
        {
            var payload = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return (payload, null);
            }
            var correlationId = response.Headers.TryGetValues("Genesys-Correlation-Id", out var values) ? values.FirstOrDefault()
                : response.Headers.TryGetValues("inin-correlation-id", out var legacy) ? legacy.FirstOrDefault() : null;
            var error = Parse(response, payload, correlationId);
            logger.LogWarning("Genesys answered {Status} {Code} to {Method} {Path} for tenant {TenantId} (correlation {CorrelationId})",
                error.HttpStatus, error.Code, request.Method, request.RequestUri?.AbsolutePath, tenantId, correlationId);
            return (null, error);
        }
    }

    // Genesys errors are ErrorBody {message, code, status, …}; 429 carries Retry-After (seconds).
    private static ProviderError Parse(HttpResponseMessage response, string payload, string? correlationId)
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

/// <summary>503 with the error as JSON, and Retry-After in whole seconds when Genesys (or our budget) gave one.</summary>
internal sealed class RetryableErrorResult(ProviderError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (error.RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Results.Json(error, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
    }
}
