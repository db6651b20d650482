using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WhatsAppGenesys.Clients.Providers;
using WhatsAppGenesys.Clients.Tokens;
using WhatsAppGenesys.Contracts.Genesys;
using WhatsAppGenesys.Contracts.Meta;
using WhatsAppGenesys.Contracts.Providers;

namespace WhatsAppGenesys.WhatsAppApi.Graph;

/// <summary>
/// Posts to a tenant's <c>/{version}/{phone-number-id}/messages</c>. The bearer token, and the one regeneration after
/// Meta rejects it (401/403), come from the shared token handler; whatever Meta answers is normalised into a
/// <see cref="ProviderError"/> carrying the code, whether it is retryable and the Genesys receipt reason.
/// </summary>
public sealed class GraphMessagesClient(HttpClient http, IOptions<MetaGraphOptions> options, ILogger<GraphMessagesClient> logger)
{
    public const string HttpClientName = "meta-graph";

    public async Task<GraphResponse> PostMessageAsync(string tenantId, string graphVersion, string phoneNumberId, string body, CancellationToken ct)
    {
        var uri = new Uri(options.Value.GraphBaseUrl, $"/{graphVersion}/{Uri.EscapeDataString(phoneNumberId)}/messages");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        }.ForTenant(tenantId);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (AccessTokenUnavailableException ex)
        {
            // 502/503: the auth service or Meta's token exchange is down for now; anything else (tenant inactive, no
            // credentials) will not fix itself by retrying.
            var retryable = ex.StatusCode is 502 or 503;
            return GraphResponse.Failed(new ProviderError(ProviderNames.Meta, ex.StatusCode, "token.unavailable", ex.Message, retryable,
                ReceiptReason: (retryable ? GenesysReasonCode.ServerError : GenesysReasonCode.GeneralError).ToString()));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Meta may have accepted the message before the connection broke; retrying is still the better choice
            // than losing it (at least once, as everywhere else on this path).
            return GraphResponse.Failed(new ProviderError(ProviderNames.Meta, 503, "unreachable", $"Meta did not answer: {ex.GetType().Name}",
                Retryable: true, ReceiptReason: nameof(GenesysReasonCode.ServerError)));
        }

        using (response)
        {
            var payload = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return new GraphResponse(payload, null);
            }
            var error = Normalize(response, payload);
            // In the tenant's scope like every log line on the message path, so its logs can be filtered by tenant.
            using (logger.BeginScope(new Dictionary<string, object> { ["TenantId"] = tenantId }))
            {
                logger.LogWarning("Meta answered {Status} with error {Code} for tenant {TenantId} (retryable: {Retryable})",
                    error.HttpStatus, error.Code, tenantId, error.Retryable);
            }
            return GraphResponse.Failed(error);
        }
    }

    /// <summary>Meta's error body → our one error shape, classified by <see cref="MetaErrorCatalog"/>.</summary>
    public static ProviderError Normalize(HttpResponseMessage response, string payload)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds
            ?? (response.Headers.RetryAfter?.Date is { } date ? Math.Max(0, (date - DateTimeOffset.UtcNow).TotalSeconds) : null);
        MetaGraphError? graphError = null;
        try
        {
            graphError = JsonSerializer.Deserialize<MetaGraphErrorBody>(payload, MetaJson.Options)?.Error;
        }
        catch (JsonException)
        {
            // Not Graph's shape (a proxy's error page, say): classified by the HTTP status below.
        }

        if (graphError is not null)
        {
            var known = MetaErrorCatalog.Classify(graphError.Code);
            // A code we do not know is not retried, unless Meta itself says so or the status is a server error.
            var retryable = known.Retryable || (known.Kind == MetaErrorKind.Unknown && (graphError.IsTransient == true || status >= 500));
            return new ProviderError(ProviderNames.Meta, status, graphError.Code.ToString(CultureInfo.InvariantCulture),
                MetaErrorCatalog.Describe(graphError), retryable, retryAfter, known.Reason.ToString(), graphError.FbtraceId);
        }

        var transient = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        var reason = response.StatusCode == HttpStatusCode.TooManyRequests ? GenesysReasonCode.RateLimited
            : status >= 500 ? GenesysReasonCode.ServerError : GenesysReasonCode.GeneralError;
        return new ProviderError(ProviderNames.Meta, status, $"http.{status}", $"Meta answered {status} {response.ReasonPhrase}",
            transient, retryAfter, reason.ToString());
    }
}

/// <summary>Meta's 2xx body, or the normalised error.</summary>
public sealed record GraphResponse(string? Payload, ProviderError? Error)
{
    public static GraphResponse Failed(ProviderError error) => new(null, error);
}
